// "Export to a file": the account's session as a file the page saves. Encrypted with a passphrase by
// default (it opens in this app on any computer, with that passphrase alone); or, after a warning that
// says what it means, a plain RemoteAuth zip (RemoteAuth-<id>.zip) that stock RemoteAuth restores.
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account, ExportFile } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { sizeText } from './backupView';
import { errorText } from './errors';
import { FieldError } from './fieldParts';
import { TextField } from './TextField';
import { useModal } from './useModal';

/** FieldError's placement (markup, not words: kept out of the JSX for the literal-text lint). */
const IN_DIALOG = 'dialog';

export interface ExportDialogProps {
  account: Account;
  onClose(): void;
}

export function ExportDialog({ account, onClose }: ExportDialogProps) {
  const { t } = useTranslation('backup');
  const exportAccount = useBackupStore((s) => s.exportAccount);
  const titleId = useId();
  const [plain, setPlain] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The file written, not a sentence about it: the line follows a language change.
  const [saved, setSaved] = useState<ExportFile | null>(null);
  const [pending, setPending] = useState(false);
  const modal = useModal(pending, onClose);
  const choose = (next: boolean) => {
    setPlain(next);
    setSaved(null);
    setError(null);
  };

  async function run() {
    if (pending) return;
    if (!plain && passphrase.length < 10) return setFieldError(t('export.tooShort'));
    if (!plain && passphrase !== again) return setFieldError(t('export.differ'));
    setPending(true);
    setError(null);
    const result = await exportAccount(plain ? { accountId: account.id, plain: true } : { accountId: account.id, passphrase });
    setPending(false);
    if (!result.ok) return setError(errorText(result.error));
    const url = URL.createObjectURL(result.value.blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: result.value.file.fileName });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setSaved(result.value.file);
  }

  return (
    <dialog ref={modal.ref} className="dialog" aria-labelledby={titleId} aria-busy={pending || undefined} onCancel={modal.onCancel}>
      <h2 id={titleId} className="dialog-title">
        <Trans t={t} i18nKey="export.title" values={{ name: account.label }} components={{ name: <span className="label-text" /> }} />
      </h2>
      <div className="dialog-body">
        <fieldset className="remote-list">
          <legend className="field-label">{t('export.format')}</legend>
          <FormatChoice id={`${titleId}-sealed`} name={titleId} checked={!plain} disabled={pending} onChoose={() => choose(false)} title={t('export.sealed')} meta={t('export.sealedMeta')} />
          <FormatChoice id={`${titleId}-plain`} name={titleId} checked={plain} disabled={pending} onChoose={() => choose(true)} title={t('export.plain')} meta={t('export.plainMeta')} />
        </fieldset>
        {plain ? (
          <div className="notice-box tone-warn" role="alert">
            <p>
              <Trans t={t} i18nKey="export.plainWarning" components={{ strong: <strong /> }} />
            </p>
          </div>
        ) : (
          <>
            <TextField label={t('export.passphrase')} name="export-passphrase" type="password" value={passphrase} onChange={(v) => { setPassphrase(v); setFieldError(null); }} help={t('export.passphraseHelp')} />
            <TextField label={t('export.again')} name="export-passphrase-again" type="password" value={again} onChange={(v) => { setAgain(v); setFieldError(null); }} error={fieldError} />
          </>
        )}
      </div>
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {t('export.exporting')}
          </>
        ) : saved ? t('export.saved', { file: saved.fileName, size: sizeText(saved.size) }) : null}
      </p>
      <FieldError place={IN_DIALOG} message={error} />
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={() => !pending && onClose()} aria-disabled={pending || undefined}>
          {saved ? t('export.close') : t('export.cancel')}
        </button>
        <button type="button" className={plain ? 'button danger' : 'button primary'} onClick={() => void run()} aria-disabled={pending || undefined}>
          {plain ? t('export.exportPlain') : t('export.export')}
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
