// What an account's backup is doing: the last backup or why backups fail (BackupStatusView), and
// "Back up now" with its own error when it says more than the failing notice already does.
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { BackupStatusView } from './BackupStatusView';
import { failingMessage } from './backupView';
import { errorText } from './errors';
import { FieldError, HIDDEN } from './fieldParts';
import { useCommand } from './useCommand';

export function BackupActivity({ account, showStatus }: { account: Account; showStatus: boolean }) {
  const { t } = useTranslation('backupStatus');
  const runBackupNow = useBackupStore((s) => s.runNow);
  const backUpNow = useCommand();
  const b = account.backup;
  const running = b.activity === 'running' || backUpNow.pending;
  // The failing notice already says what went wrong; repeat a Back up now error only if it says more
  // (outside English the error is the sentence for its code, the notice's or errorText's).
  const said = b.failing ? [b.failing.message, failingMessage(b.failing), errorText(b.failing)] : [];
  const runError = backUpNow.error && !said.includes(backUpNow.error) ? backUpNow.error : null;
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
            <Trans t={t} i18nKey={running ? 'status.backingUp' : 'status.backUpNow'} values={{ label: account.label }} components={HIDDEN} />
          </button>
        </div>
      ) : null}
      <FieldError message={runError} />
    </>
  );
}
