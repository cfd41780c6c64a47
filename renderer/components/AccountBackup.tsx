// The Backup section of an account card: the on/off switch, the store, how often, Encrypt (turning it
// off asks first: a plain backup is a full login to the account), "Back up now", and what happened
// last: the last backup, or since when and why backups fail and when the next try is. Every control
// takes effect at once through backup.configure; main's accounts.changed (sent before the answer) is what
// the card shows.
// The controls are BackupSettings (state in useBackupSettings), the status and Back up now BackupActivity.
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectHasPassphrase, selectStores, useBackupStore } from '../stores/backupStore';
import { BackupActivity } from './BackupActivity';
import { BackupSettings } from './BackupSettings';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from './ExportDialog';
import { HIDDEN } from './fieldParts';
import { useBackupSettings } from './useBackupSettings';

export function AccountBackup({ account }: { account: Account }) {
  const { t } = useTranslation('backupStatus');
  const stores = useBackupStore(selectStores);
  const hasPassphrase = useBackupStore(selectHasPassphrase);
  const settings = useBackupSettings(account);
  const b = account.backup;
  const headingId = useId();
  const [confirmPlain, setConfirmPlain] = useState(false);
  const [exporting, setExporting] = useState(false);
  // Shown in the select while nothing is chosen yet: the store that switching on will use.
  const storeId = b.storeId ?? stores[0]?.id ?? '';
  // A temporary account is never backed up (main refuses it too): no switch to offer.
  if (account.temporary) return <p className="card-backup muted">{t('card.temporary')}</p>;

  return (
    <section className="card-backup" aria-labelledby={headingId}>
      {/* Not a heading: the card's title stays its one heading; the region is still named "Backup of …". */}
      <p id={headingId} className="card-section-title">
        <Trans t={t} i18nKey="card.title" values={{ label: account.label }} components={HIDDEN} />
      </p>
      {stores.length === 0 && !b.storeId ? (
        <p className="muted">{t('card.noStore')}</p>
      ) : (
        <BackupSettings account={account} stores={stores} storeId={storeId} settings={settings} onAskPlain={() => setConfirmPlain(true)} />
      )}
      {b.enabled && b.encrypt && hasPassphrase === false ? (
        <p className="muted">{t('card.noPassphrase')}</p>
      ) : null}
      <BackupActivity account={account} showStatus={stores.length > 0 || !!b.storeId || !!b.last} />
      {account.linked ? (
        <div className="actions">
          <button type="button" className="button small" onClick={() => setExporting(true)}>
            {t('card.export')}
          </button>
        </div>
      ) : null}
      {exporting ? <ExportDialog account={account} onClose={() => setExporting(false)} /> : null}
      {confirmPlain ? (
        <ConfirmDialog
          title={<Trans t={t} i18nKey="plain.title" values={{ label: account.label }} components={{ label: <span className="label-text" /> }} />}
          confirmLabel={t('plain.confirm')}
          pendingText={t('plain.pending')}
          onConfirm={() => settings.setEncrypt(false)}
          onClose={() => setConfirmPlain(false)}
        >
          <p>
            <Trans t={t} i18nKey="plain.warning" components={{ strong: <strong /> }} />
          </p>
          <p>{t('plain.only')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
