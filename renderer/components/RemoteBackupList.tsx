// What a store holds, one radio per account: its label, the last digits of its number, how many
// versions and the newest one's time and size, and whether the account is already on this computer.
import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { RemoteBackup } from '../../preload/contract';
import { sizeText } from './backupView';
import { encryptionText, versionCountText } from './useRemoteListing';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface RemoteBackupListProps {
  backups: RemoteBackup[];
  accountId: string;
  disabled?: boolean;
  onChoose(accountId: string): void;
}

export function RemoteBackupList({ backups, accountId, disabled, onChoose }: RemoteBackupListProps) {
  const { t } = useTranslation('backup');
  const name = useId();
  return (
    <fieldset className="remote-list">
      <legend className="field-label">{t('remote.legend')}</legend>
      {backups.map((b) => {
        const newest = b.versions[0]!;
        const id = `${name}-${b.accountId}`;
        const number = b.phoneTail ? t('remote.numberEnding', { tail: tail(b.phoneTail) }) : t('remote.numberUnknown');
        return (
          <div key={b.accountId} className={b.accountId === accountId ? 'remote-item chosen' : 'remote-item'}>
            <input id={id} type="radio" name={name} value={b.accountId} checked={b.accountId === accountId} disabled={disabled} onChange={() => onChoose(b.accountId)} />
            <label htmlFor={id} className="remote-label">
              <span className="remote-name label-text">{b.label ?? b.accountId}</span>
              <span className="remote-meta">
                {t('remote.numberAndVersions', { number, versions: versionCountText(b.versions.length) })}
              </span>
              <span className="remote-meta">
                {t('remote.newest', { when: when.format(newest.createdAt), size: sizeText(newest.size), encryption: encryptionText(newest.encrypted) })}
              </span>
              {b.originalName !== null ? (
                <span className="remote-meta">
                  <Trans t={t} i18nKey="remote.originalName" values={{ name: b.originalName, id: b.accountId }} components={{ name: <span className="label-text" /> }} />
                </span>
              ) : null}
              {b.origin === 'remoteauth' ? <span className="remote-meta">{t('remote.remoteAuth', { session: b.session })}</span> : null}
              {b.existsHere ? <span className="remote-here">{t('remote.existsHere')}</span> : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The manifest may hold the whole number; show only its last 4 digits. */
function tail(digits: string): string {
  return digits.replace(/\D/g, '').slice(-4);
}
