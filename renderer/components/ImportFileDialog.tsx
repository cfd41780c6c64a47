// "Import from a file": a RemoteAuth session zip (RemoteAuth-<clientId>.zip, as stock RemoteAuth and its
// stores keep it) or a file exported by this app (.wabackup, opened with its passphrase). The file goes
// to the app's own data folder in pieces (backup.upload), then backup.importFile makes it a new
// account: it never replaces one that is here. A plain zip is imported only after the question what
// that means; a LegacySessionAuth file is explained by main (link the phone again).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { FieldError } from './fieldParts';
import { PlainQuestion } from './restoreSteps';
import { sizeText } from './backupView';
import { TextField } from './TextField';
import { useFileImport } from './useFileImport';
import { useModal } from './useModal';

/** FieldError's placement (markup, not words: kept out of the JSX for the literal-text lint). */
const IN_DIALOG = 'dialog';

export interface ImportFileDialogProps {
  onClose(imported: Account | null): void;
}

export function ImportFileDialog({ onClose }: ImportFileDialogProps) {
  const { t } = useTranslation('backup');
  const titleId = useId();
  const fileId = useId();
  const f = useFileImport(onClose);
  const { pending, phase, file } = f;
  const modal = useModal(pending, () => onClose(null));

  return (
    <dialog ref={modal.ref} className="dialog dialog-wide" aria-labelledby={titleId} aria-busy={pending || undefined} onCancel={modal.onCancel}>
      <h2 id={titleId} className="dialog-title">
        {t('importFile.title')}
      </h2>
      <div className="dialog-body restore-body">
        <p>{t('importFile.intro')}</p>
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            {t('importFile.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".zip,.wabackup,.json,application/zip"
            disabled={pending}
            onChange={(ev) => f.choose(ev.target.files?.[0] ?? null)}
          />
        </div>
        {phase === 'ask-passphrase' || f.passphrase ? (
          <TextField label={t('importFile.passphrase')} name="passphrase" type="password" inputRef={f.passRef} value={f.passphrase} onChange={f.setPassphrase} error={f.passError} />
        ) : null}
        {phase === 'confirm-plain' ? <PlainQuestion fromFile text={f.plainText} keepRef={f.keepRef} onImport={() => void f.run(true)} onKeep={f.keep} /> : null}
      </div>
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {phase === 'sending' && file ? t('importFile.sending', { sent: sizeText(f.sent), size: sizeText(file.size) }) : t('importFile.importing')}
          </>
        ) : null}
      </p>
      <FieldError place={IN_DIALOG} message={f.error} />
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={() => !pending && onClose(null)} aria-disabled={pending || undefined}>
          {t('importFile.cancel')}
        </button>
        <button type="button" className="button primary" onClick={() => void f.run(false)} aria-disabled={pending || !file || phase === 'confirm-plain' || undefined}>
          {t('importFile.import')}
        </button>
      </div>
    </dialog>
  );
}
