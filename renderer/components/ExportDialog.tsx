// "Export to a file": the account's session as a file the page saves. Encrypted with a passphrase by
// default (it opens in this app on any computer, with that passphrase alone); or, after a warning that
// says what it means, a plain RemoteAuth zip (RemoteAuth-<id>.zip) that stock RemoteAuth restores.
import { useId, useState } from 'react';
import type { Account } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { sizeText } from './backupView';
import { errorText } from './errors';
import { FieldError } from './fieldParts';
import { TextField } from './TextField';
import { useModal } from './useModal';

export interface ExportDialogProps {
  account: Account;
  onClose(): void;
}

export function ExportDialog({ account, onClose }: ExportDialogProps) {
  const exportAccount = useBackupStore((s) => s.exportAccount);
  const titleId = useId();
  const [plain, setPlain] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const modal = useModal(pending, onClose);
  const choose = (next: boolean) => {
    setPlain(next);
    setSaved(null);
    setError(null);
  };

  async function run() {
    if (pending) return;
    if (!plain && passphrase.length < 10) return setFieldError('Use at least 10 characters.');
    if (!plain && passphrase !== again) return setFieldError('The two passphrases differ.');
    setPending(true);
    setError(null);
    const result = await exportAccount(plain ? { accountId: account.id, plain: true } : { accountId: account.id, passphrase });
    setPending(false);
    if (!result.ok) return setError(errorText(result.error));
    const url = URL.createObjectURL(result.value.blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: result.value.file.fileName });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setSaved(`Saved ${result.value.file.fileName} (${sizeText(result.value.file.size)}).`);
  }

  return (
    <dialog ref={modal.ref} className="dialog" aria-labelledby={titleId} aria-busy={pending || undefined} onCancel={modal.onCancel}>
      <h2 id={titleId} className="dialog-title">
        Export “<span className="label-text">{account.label}</span>” to a file
      </h2>
      <div className="dialog-body">
        <fieldset className="remote-list">
          <legend className="field-label">Format</legend>
          <FormatChoice id={`${titleId}-sealed`} name={titleId} checked={!plain} disabled={pending} onChoose={() => choose(false)} title="Encrypted with a passphrase (recommended)" meta="Opens in this app on any computer, with the passphrase." />
          <FormatChoice id={`${titleId}-plain`} name={titleId} checked={plain} disabled={pending} onChoose={() => choose(true)} title="Unencrypted RemoteAuth zip" meta="For stock RemoteAuth (whatsapp-web.js); anyone with the file can use it." />
        </fieldset>
        {plain ? (
          <div className="notice-box tone-warn" role="alert">
            <p>
              <strong>An unencrypted export is a full login to this WhatsApp account.</strong> Anyone who gets the file can open the account and read its messages, without the
              phone. Export it this way only to hand the session to stock RemoteAuth (whatsapp-web.js), and delete the file once it is used.
            </p>
          </div>
        ) : (
          <>
            <TextField label="Passphrase" name="export-passphrase" type="password" value={passphrase} onChange={(v) => { setPassphrase(v); setFieldError(null); }} help="At least 10 characters. Importing the file asks for it; it is not kept anywhere." />
            <TextField label="Passphrase again" name="export-passphrase-again" type="password" value={again} onChange={(v) => { setAgain(v); setFieldError(null); }} error={fieldError} />
          </>
        )}
      </div>
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Exporting: copying the session and writing the file…
          </>
        ) : saved}
      </p>
      <FieldError place="dialog" message={error} />
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={() => !pending && onClose()} aria-disabled={pending || undefined}>
          {saved ? 'Close' : 'Cancel'}
        </button>
        <button type="button" className={plain ? 'button danger' : 'button primary'} onClick={() => void run()} aria-disabled={pending || undefined}>
          {plain ? 'Export unencrypted' : 'Export'}
        </button>
      </div>
    </dialog>
  );
}

interface FormatChoiceProps {
  id: string;
  name: string;
  checked: boolean;
  disabled: boolean;
  title: string;
  meta: string;
  onChoose(): void;
}

function FormatChoice({ id, name, checked, disabled, title, meta, onChoose }: FormatChoiceProps) {
  return (
    <div className={checked ? 'remote-item chosen' : 'remote-item'}>
      <input id={id} type="radio" name={name} checked={checked} disabled={disabled} onChange={onChoose} />
      <label htmlFor={id} className="remote-label">
        <span className="remote-name">{title}</span>
        <span className="remote-meta">{meta}</span>
      </label>
    </div>
  );
}
