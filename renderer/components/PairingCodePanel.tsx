// The 8-character code to type on the phone, large and grouped 4+4 as WhatsApp shows it.
import type { SessionState } from '../../preload/contract';
import { codeGroups, durationText, secondsLeft } from './sessionView';

export interface PairingCodePanelProps {
  state: Extract<SessionState, { kind: 'pairing-code' }>;
  now: number;
}

export function PairingCodePanel({ state, now }: PairingCodePanelProps) {
  const left = secondsLeft(state.expiresAt, now);
  const groups = codeGroups(state.code);
  return (
    <div className="pairing">
      <p className="panel-title">Type this code on your phone</p>
      <p className="pairing-code">
        {groups.map((g, i) => (
          <span key={i} className="code-group">
            {i > 0 ? <span className="visually-hidden"> </span> : null}
            {g}
          </span>
        ))}
      </p>
      <p className="countdown">{left > 0 ? `Expires in ${durationText(left)}; a new code then appears here.` : 'Expired: a new code is on its way…'}</p>
      <ol className="steps">
        <li>Open WhatsApp on the phone with that number.</li>
        <li>
          Go to <strong>WhatsApp › Linked devices › Link a device</strong>.
        </li>
        <li>
          Tap <strong>Link with phone number instead</strong> and type the code.
        </li>
      </ol>
    </div>
  );
}
