// What a store holds, one radio per account: its label, the last digits of its number, how many
// versions and the newest one's time and size, and whether the account is already on this computer.
import { useId } from 'react';
import type { RemoteBackup } from '../../preload/contract';
import { sizeText } from './backupView';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface RemoteBackupListProps {
  backups: RemoteBackup[];
  accountId: string;
  disabled?: boolean;
  onChoose(accountId: string): void;
}

export function RemoteBackupList({ backups, accountId, disabled, onChoose }: RemoteBackupListProps) {
  const name = useId();
  return (
    <fieldset className="remote-list">
      <legend className="field-label">Account to restore</legend>
      {backups.map((b) => {
        const newest = b.versions[0]!;
        const id = `${name}-${b.accountId}`;
        return (
          <div key={b.accountId} className={b.accountId === accountId ? 'remote-item chosen' : 'remote-item'}>
            <input id={id} type="radio" name={name} value={b.accountId} checked={b.accountId === accountId} disabled={disabled} onChange={() => onChoose(b.accountId)} />
            <label htmlFor={id} className="remote-label">
              <span className="remote-name label-text">{b.label ?? b.accountId}</span>
              <span className="remote-meta">
                {b.phoneTail ? `Number ending in ${tail(b.phoneTail)}` : 'Number unknown'} · {b.versions.length === 1 ? '1 version' : `${b.versions.length} versions`}
              </span>
              <span className="remote-meta">
                Newest {when.format(newest.createdAt)} · {sizeText(newest.size)} · {newest.encrypted ? 'encrypted' : 'not encrypted'}
              </span>
              {b.originalName !== null ? (
                <span className="remote-meta">
                  Named “<span className="label-text">{b.originalName}</span>” in the store; restored as {b.accountId}
                </span>
              ) : null}
              {b.origin === 'remoteauth' ? <span className="remote-meta">Saved by RemoteAuth as {b.session}</span> : null}
              {b.existsHere ? <span className="remote-here">Already on this computer: restoring replaces its session</span> : null}
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
