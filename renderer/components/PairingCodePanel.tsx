// The 8-character code to type on the phone, large and grouped 4+4 as WhatsApp shows it.
import { Trans, useTranslation } from 'react-i18next';
import type { SessionState } from '../../preload/contract';
import { codeGroups, durationText, secondsLeft } from './sessionView';

export interface PairingCodePanelProps {
  state: Extract<SessionState, { kind: 'pairing-code' }>;
  now: number;
}

export function PairingCodePanel({ state, now }: PairingCodePanelProps) {
  const { t } = useTranslation('session');
  const left = secondsLeft(state.expiresAt, now);
  const groups = codeGroups(state.code);
  return (
    <div className="pairing">
      <p className="panel-title">{t('pairing.title')}</p>
      <p className="pairing-code">
        {groups.map((g, i) => (
          <span key={i} className="code-group">
            {i > 0 ? <span className="visually-hidden"> </span> : null}
            {g}
          </span>
        ))}
      </p>
      <p className="countdown">{left > 0 ? t('pairing.expiresIn', { duration: durationText(left) }) : t('pairing.expired')}</p>
      <ol className="steps">
        <li>{t('pairing.step1')}</li>
        <li>
          <Trans t={t} i18nKey="pairing.step2" components={{ strong: <strong /> }} />
        </li>
        <li>
          <Trans t={t} i18nKey="pairing.step3" components={{ strong: <strong /> }} />
        </li>
      </ol>
    </div>
  );
}
