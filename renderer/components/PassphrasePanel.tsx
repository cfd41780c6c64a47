// The recovery passphrase: what it is for (once a backup is on, or the form is open: not on an empty
// app), whether one is set, and a form to set or change it (typed twice; main checks the length and its
// message appears next to the field). Saving also backs every encrypted account up again, so it can
// take a while: the form says so while it runs.
import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useAccountsStore } from '../stores/accountsStore';
import { selectHasPassphrase, useBackupStore } from '../stores/backupStore';
import { errorText } from './errors';
import { FieldError } from './fieldParts';
import { TextField } from './TextField';

export function PassphrasePanel() {
  const { t } = useTranslation('backup');
  const has = useBackupStore(selectHasPassphrase);
  const [open, setOpen] = useState(false);
  // A flag, not the sentence: the confirmation follows a language change while it shows.
  const [done, setDone] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  // The explanation is for someone who backs up or is about to set one: not on an app with no backup yet.
  const backingUp = useAccountsStore((st) => st.accounts.some((a) => a.backup.enabled));
  const explain = backingUp || open || has === true;

  function close() {
    setOpen(false);
    requestAnimationFrame(() => openRef.current?.focus());
  }

  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">{t('passphrase.heading')}</h3>
      {explain ? (
        <p>
          <Trans t={t} i18nKey="passphrase.explain" components={{ strong: <strong /> }} />
        </p>
      ) : null}
      <p className={has ? 'status-line ok' : 'status-line'}>
        {has === null ? t('passphrase.checking') : has ? t('passphrase.isSet') : backingUp ? t('passphrase.noneBackingUp') : t('passphrase.none')}
      </p>
      {done ? (
        <p className="result-done" role="status">
          {t('passphrase.saved')}
        </p>
      ) : null}
      {open ? (
        <PassphraseForm
          has={has}
          onSaved={() => {
            setDone(true);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <div className="actions">
          <button
            ref={openRef}
            type="button"
            className="button"
            onClick={() => {
              setDone(false);
              setOpen(true);
            }}
          >
            {has ? t('passphrase.change') : t('passphrase.set')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Typed twice; what it holds is forgotten when the form closes. */
function PassphraseForm({ has, onSaved, onCancel }: { has: boolean | null; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation('backup');
  const setPassphrase = useBackupStore((s) => s.setPassphrase);
  const [first, setFirst] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ first?: string; again?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  // Typing in either field clears every error: they are about what was typed before.
  const typed = (set: (text: string) => void) => (text: string) => {
    set(text);
    setErrors({});
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (first !== again) return setErrors({ again: t('passphrase.differ') });
    setPending(true);
    const result = await setPassphrase(first);
    setPending(false);
    if (result.ok) return onSaved();
    const text = errorText(result.error);
    setErrors(result.error.code === 'INVALID_INPUT' ? { first: text } : { form: text });
  }

  return (
    <form className="passphrase-form" onSubmit={submit} aria-label={has ? t('passphrase.formChange') : t('passphrase.formSet')} noValidate>
      <TextField
        label={t('passphrase.new')}
        name="passphrase"
        type="password"
        value={first}
        onChange={typed(setFirst)}
        error={errors.first}
        help={t('passphrase.newHelp')}
        autoFocus
      />
      <TextField label={t('passphrase.again')} name="passphrase-again" type="password" value={again} onChange={typed(setAgain)} error={errors.again} />
      <FieldError message={errors.form} />
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {t('passphrase.saving')}
          </>
        ) : null}
      </p>
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          {t('passphrase.save')}
        </button>
        <button type="button" className="button" onClick={() => !pending && onCancel()} aria-disabled={pending || undefined}>
          {t('passphrase.cancel')}
        </button>
      </div>
    </form>
  );
}
