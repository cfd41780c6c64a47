// What an account's backups did last: running, the last backup, or since when and why they fail and
// when the next try is. Relative times ("3 min ago") are kept fresh every 15 s.
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../preload/contract';
import { failingMessage, failingSinceText, failingTitle, lastBackupText, nextTryText, waitingText } from './backupView';
import { useNow } from './useNow';

export function BackupStatusView({ status, running }: { status: BackupStatus; running: boolean }) {
  const { t } = useTranslation('backupStatus');
  const now = useNow(status.enabled || status.last !== null, 15_000);
  if (running) {
    return (
      <p className="panel-line backup-status" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('status.running')}
      </p>
    );
  }
  if (status.failing) {
    const next = status.enabled ? nextTryText(status.failing, now) : null;
    return (
      <div className="notice-box tone-danger backup-status">
        <p className="panel-title">{failingTitle(status.failing.code)}</p>
        <p>{failingMessage(status.failing)}</p>
        <p className="muted">{t('status.since', { since: failingSinceText(status.failing, now), code: status.failing.code })}</p>
        {next ? <p>{next}</p> : null}
        {status.last ? <p className="muted">{unbroken(lastBackupText(status.last, now, t('status.lastGood')))}</p> : null}
      </div>
    );
  }
  return (
    <div className="backup-status">
      {status.last ? <p className="backup-last">{unbroken(lastBackupText(status.last, now))}</p> : null}
      {status.enabled ? <p className="muted">{waitingText(status, now)}</p> : !status.last ? <p className="muted">{t('status.off')}</p> : null}
    </div>
  );
}

/** "Last backup 3 min ago · 4.1 MB · took 2 s" wraps only between its parts, never inside "4.1 MB". */
function unbroken(text: string) {
  return text.split(' · ').map((part, i) => (
    <span key={i}>
      {i > 0 ? ' · ' : null}
      <span className="nowrap">{part}</span>
    </span>
  ));
}
