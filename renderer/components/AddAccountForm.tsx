// "Account name" + Add, and "Add a temporary account" (nothing of it is kept once it stops or the app
// quits; never backed up). On INVALID_INPUT the message appears next to the field and the text stays.
import { useRef, useState, type FormEvent } from 'react';
import type { Account } from '../../preload/contract';
import { selectAddAccount, useAccountsStore } from '../stores/accountsStore';
import { CheckboxField } from './ChoiceFields';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

/** `onAdded`: the new account, so the list can show it (its QR code comes next). */
export function AddAccountForm({ onAdded }: { onAdded?(account: Account): void }) {
  const add = useAccountsStore(selectAddAccount);
  const adding = useCommand();
  const [label, setLabel] = useState('');
  const [temporary, setTemporary] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await adding.run(() => add(label, temporary));
    if (!result) return; // already adding
    if (result.ok) {
      setLabel('');
      setAnnouncement(`Added ${result.value.label}${result.value.temporary ? ' as a temporary account' : ''}.`);
      setTemporary(false);
      onAdded?.(result.value);
    } else {
      setAnnouncement('');
    }
    inputRef.current?.focus();
  }

  return (
    <form className="add-form" onSubmit={submit} aria-label="Add an account" noValidate>
      <div className="add-row">
        <TextField
          label="Account name"
          name="label"
          value={label}
          onChange={(v) => {
            setLabel(v);
            adding.clearError();
          }}
          error={adding.error}
          inputRef={inputRef}
          placeholder="e.g. Work"
        />
        <button type="submit" className="button primary" aria-disabled={adding.pending || undefined}>
          Add
        </button>
      </div>
      <CheckboxField
        label="Add a temporary account"
        name="temporary"
        checked={temporary}
        onChange={setTemporary}
        help="Nothing of it is kept: its session ends when you stop it or quit the app, and it is never backed up."
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
