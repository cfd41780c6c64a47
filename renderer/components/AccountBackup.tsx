// The Backup section of an account card: the on/off switch, the store, how often, Encrypt (turning it
// off asks first: a plain backup is a full login to the account), "Back up now", and what happened
// last: the last backup, or since when and why backups fail and when the next try is. Every control
// takes effect at once through backup.configure; main's accounts.changed (sent before the answer) is what
// the card shows.
// The controls are BackupSettings (state in useBackupSettings), the status and Back up now BackupActivity.
import { useId, useState } from 'react';
import type { Account } from '../../preload/contract';
import { selectHasPassphrase, selectStores, useBackupStore } from '../stores/backupStore';
import { BackupActivity } from './BackupActivity';
import { BackupSettings } from './BackupSettings';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from './ExportDialog';
import { useBackupSettings } from './useBackupSettings';

export function AccountBackup({ account }: { account: Account }) {
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
  if (account.temporary) return <p className="card-backup muted">Never backed up: a temporary account keeps nothing once it stops.</p>;

  return (
    <section className="card-backup" aria-labelledby={headingId}>
      {/* Not a heading: the card's title stays its one heading; the region is still named "Backup of …". */}
      <p id={headingId} className="card-section-title">
        Backup<span className="visually-hidden"> of {account.label}</span>
      </p>
      {stores.length === 0 && !b.storeId ? (
        <p className="muted">To back this account up, first add a store under Backup › Stores below.</p>
      ) : (
        <BackupSettings account={account} stores={stores} storeId={storeId} settings={settings} onAskPlain={() => setConfirmPlain(true)} />
      )}
      {b.enabled && b.encrypt && hasPassphrase === false ? (
        <p className="muted">Only this computer can open these backups until a recovery passphrase is set under Backup › Recovery passphrase below.</p>
      ) : null}
      <BackupActivity account={account} showStatus={stores.length > 0 || !!b.storeId || !!b.last} />
      {account.linked ? (
        <div className="actions">
          <button type="button" className="button small" onClick={() => setExporting(true)}>
            Export to a file…
          </button>
        </div>
      ) : null}
      {exporting ? <ExportDialog account={account} onClose={() => setExporting(false)} /> : null}
      {confirmPlain ? (
        <ConfirmDialog
          title={
            <>
              Back up “<span className="label-text">{account.label}</span>” without encryption?
            </>
          }
          confirmLabel="Turn encryption off"
          pendingText="Saving…"
          onConfirm={() => settings.configure({ encrypt: false }, 'encrypt')}
          onClose={() => setConfirmPlain(false)}
        >
          <p>
            <strong>A plain backup is a full login to this WhatsApp account.</strong> Anyone who can read the store (its administrators, anyone with its keys, a leak)
            can open the account and read its messages, without the phone.
          </p>
          <p>Turn encryption off only to move the session to another tool that needs a plain RemoteAuth archive.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
