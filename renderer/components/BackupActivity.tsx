// What an account's backup is doing: the last backup or why backups fail (BackupStatusView), and
// "Back up now" with its own error when it says more than the failing notice already does.
import type { Account } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { BackupStatusView } from './BackupStatusView';
import { FieldError } from './fieldParts';
import { useCommand } from './useCommand';

export function BackupActivity({ account, showStatus }: { account: Account; showStatus: boolean }) {
  const runBackupNow = useBackupStore((s) => s.runNow);
  const backUpNow = useCommand();
  const b = account.backup;
  const running = b.activity === 'running' || backUpNow.pending;
  // The failing notice already says what went wrong; repeat a Back up now error only if it says more.
  const runError = backUpNow.error && backUpNow.error !== b.failing?.message ? backUpNow.error : null;
  return (
    <>
      {showStatus ? <BackupStatusView status={b} running={running} /> : null}
      {b.storeId || b.enabled ? (
        <div className="actions">
          <button
            type="button"
            className="button small"
            aria-disabled={running || undefined}
            onClick={() => {
              if (!running) void backUpNow.run(() => runBackupNow(account.id));
            }}
          >
            {running ? 'Backing up…' : 'Back up now'}
            <span className="visually-hidden"> {account.label}</span>
          </button>
        </div>
      ) : null}
      <FieldError message={runError} />
    </>
  );
}
