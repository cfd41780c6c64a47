// The QR to scan, with its countdown and how many have been shown before the app pauses. The image's
// alt text says what it is for, never what it encodes.
import { Trans, useTranslation } from 'react-i18next';
import type { SessionState } from '../../preload/contract';
import { durationText, secondsLeft } from './sessionView';

export interface QrPanelProps {
  label: string;
  state: Extract<SessionState, { kind: 'qr' }>;
  now: number;
}

export function QrPanel({ label, state, now }: QrPanelProps) {
  const { t } = useTranslation('session');
  const left = secondsLeft(state.expiresAt, now);
  return (
    <div className="qr-panel">
      <figure className="qr-figure">
        <div className="qr-frame">
          <img className="qr-image" src={state.qrImage} alt={t('qr.alt', { label })} width={288} height={288} />
        </div>
        <figcaption className="qr-caption">
          <span className="countdown">{left > 0 ? t('qr.expiresIn', { duration: durationText(left) }) : t('qr.expired')}</span>
          <span className="muted">{t('qr.count', { shown: state.shown, limit: state.limit })}</span>
        </figcaption>
      </figure>
      <ol className="steps">
        <li>{t('qr.step1')}</li>
        <li>
          <Trans t={t} i18nKey="qr.step2" components={{ strong: <strong /> }} />
        </li>
        <li>{t('qr.step3')}</li>
      </ol>
      <p className="hint">
        <Trans t={t} i18nKey="qr.hint" components={{ strong: <strong /> }} />
      </p>
    </div>
  );
}
