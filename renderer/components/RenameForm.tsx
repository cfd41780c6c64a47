// Inline rename: Enter saves, Escape cancels; an error stays next to the field with the typed text.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectRenameAccount, useAccountsStore } from '../stores/accountsStore';
import { HIDDEN } from './fieldParts';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

export interface RenameFormProps {
  account: Account;
  /** Called when editing ends, saved or not. */
  onDone(): void;
}

export function RenameForm({ account, onDone }: RenameFormProps) {
  const { t } = useTranslation('accounts');
  const rename = useAccountsStore(selectRenameAccount);
  const renaming = useCommand();
  const [label, setLabel] = useState(account.label);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (renaming.pending) return;
    if (label === account.label) return onDone(); // nothing to save
    const result = await renaming.run(() => rename(account.id, label));
    if (result?.ok) onDone();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  }

  return (
    <form className="rename-form" onSubmit={submit} aria-label={t('rename.form', { label: account.label })} noValidate>
      <TextField
        label={t('rename.field', { label: account.label })}
        name="label"
        value={label}
        onChange={(v) => {
          setLabel(v);
          renaming.clearError();
        }}
        onKeyDown={onKeyDown}
        error={renaming.error}
        autoFocus
      />
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={renaming.pending || undefined}>
          <Trans t={t} i18nKey="rename.save" values={{ label: account.label }} components={HIDDEN} />
        </button>
        <button type="button" className="button" onClick={onDone}>
          <Trans t={t} i18nKey="rename.cancel" values={{ label: account.label }} components={HIDDEN} />
        </button>
      </div>
    </form>
  );
}
