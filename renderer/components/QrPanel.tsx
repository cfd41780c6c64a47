// The QR to scan, with its countdown and how many have been shown before the app pauses. The image's
// alt text says what it is for, never what it encodes.
import type { SessionState } from '../../preload/contract';
import { durationText, secondsLeft } from './sessionView';

export interface QrPanelProps {
  label: string;
  state: Extract<SessionState, { kind: 'qr' }>;
  now: number;
}

export function QrPanel({ label, state, now }: QrPanelProps) {
  const left = secondsLeft(state.expiresAt, now);
  return (
    <div className="qr-panel">
      <figure className="qr-figure">
        <div className="qr-frame">
          <img className="qr-image" src={state.qrImage} alt={`QR code to link ${label} to WhatsApp`} width={288} height={288} />
        </div>
        <figcaption className="qr-caption">
          <span className="countdown">{left > 0 ? `Expires in ${durationText(left)}` : 'Expired: a new code is on its way…'}</span>
          <span className="muted">
            QR {state.shown} of {state.limit}
          </span>
        </figcaption>
      </figure>
      <ol className="steps">
        <li>Open WhatsApp on your phone.</li>
        <li>
          Go to <strong>Settings › Linked devices › Link a device</strong>.
        </li>
        <li>Point the phone at this code.</li>
      </ol>
      <p className="hint">
        If your phone says it can’t link more devices, unlink one in <strong>WhatsApp › Linked devices</strong> first (WhatsApp allows 4).
      </p>
    </div>
  );
}
