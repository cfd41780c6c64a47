// The "Backup" area of the page: the stores, the recovery passphrase, and "Restore from backup" (on a
// new computer: bring accounts back with their sessions, no QR). After a restore, focus goes to the
// restored account in the detail pane, which turns Ready by itself.
import { useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { showAccount } from '../stores/selectionStore';
import { accountHeadingId } from './AccountCard';
import { PassphrasePanel } from './PassphrasePanel';
import { ImportFileDialog } from './ImportFileDialog';
import { RestoreDialog } from './RestoreDialog';
import { StoresPanel } from './StoresPanel';

export function BackupSection() {
  const [restoring, setRestoring] = useState(false);
  const [importing, setImporting] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const openRef = useRef<HTMLButtonElement>(null);

  function closed(account: Account | null) {
    setRestoring(false);
    setImporting(false);
    if (!account) return void requestAnimationFrame(() => openRef.current?.focus());
    setAnnouncement(`Restored ${account.label}. It is starting with its saved session.`);
    // The account is shown in the detail pane once the store has it: focus its title there.
    showAccount(account.id, accountHeadingId(account.id), openRef.current);
  }

  return (
    <section className="backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading" className="section-title">
        Backup
      </h2>
      <div className="backup-grid">
        <StoresPanel />
        <div className="backup-column">
          <div className="panel backup-panel">
            <h3 className="panel-heading">Restore from backup</h3>
            <p>On a new computer, or after a reinstall: bring an account back from a store. It opens with its saved session, without scanning a QR code.</p>
            <div className="actions">
              <button ref={openRef} type="button" className="button" onClick={() => setRestoring(true)}>
                Restore from backup…
              </button>
              <button type="button" className="button" onClick={() => setImporting(true)}>
                Import from a file…
              </button>
            </div>
            <p className="result-ok" role="status">
              {announcement}
            </p>
          </div>
          <PassphrasePanel />
        </div>
      </div>
      {restoring ? <RestoreDialog onClose={closed} /> : null}
      {importing ? <ImportFileDialog onClose={closed} /> : null}
    </section>
  );
}
