// Inline rename: Enter saves, Escape cancels; an error stays next to the field with the typed text.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Account } from '../../preload/contract';
import { selectRenameAccount, useAccountsStore } from '../stores/accountsStore';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

export interface RenameFormProps {
  account: Account;
  /** Called when editing ends, saved or not. */
  onDone(): void;
}

export function RenameForm({ account, onDone }: RenameFormProps) {
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
    <form className="rename-form" onSubmit={submit} aria-label={`Rename ${account.label}`} noValidate>
      <TextField
        label={`New name for ${account.label}`}
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
          Save<span className="visually-hidden"> name for {account.label}</span>
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel<span className="visually-hidden"> renaming {account.label}</span>
        </button>
      </div>
    </form>
  );
}
