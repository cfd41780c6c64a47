// The "Backup" area of the page: the stores, the recovery passphrase, and "Restore from backup" (on a
// new computer: bring accounts back with their sessions, no QR). After a restore, focus goes to the
// restored account in the detail pane, which turns Ready by itself.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { showAccount } from '../stores/selectionStore';
import { accountHeadingId } from './AccountCard';
import { PassphrasePanel } from './PassphrasePanel';
import { ImportFileDialog } from './ImportFileDialog';
import { RestoreDialog } from './RestoreDialog';
import { StoresPanel } from './StoresPanel';

export function BackupSection() {
  const { t } = useTranslation('backupStatus');
  const [restoring, setRestoring] = useState(false);
  const [importing, setImporting] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const openRef = useRef<HTMLButtonElement>(null);

  function closed(account: Account | null) {
    setRestoring(false);
    setImporting(false);
    if (!account) return void requestAnimationFrame(() => openRef.current?.focus());
    setAnnouncement(t('section.restored', { label: account.label }));
    // The account is shown in the detail pane once the store has it: focus its title there.
    showAccount(account.id, accountHeadingId(account.id), openRef.current);
  }

  return (
    <section className="backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading" className="section-title">
        {t('section.heading')}
      </h2>
      <div className="backup-grid">
        <StoresPanel />
        <div className="backup-column">
          <div className="panel backup-panel">
            <h3 className="panel-heading">{t('section.restoreHeading')}</h3>
            <p>{t('section.restoreText')}</p>
            <div className="actions">
              <button ref={openRef} type="button" className="button" onClick={() => setRestoring(true)}>
                {t('section.restore')}
              </button>
              <button type="button" className="button" onClick={() => setImporting(true)}>
                {t('section.import')}
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
