// "Account name" + Add. On INVALID_INPUT the message appears next to the field and the text stays.
import { useRef, useState, type FormEvent } from 'react';
import { selectAddAccount, useAccountsStore } from '../stores/accountsStore';
import { errorText } from './errors';
import { TextField } from './TextField';

export function AddAccountForm() {
  const add = useAccountsStore(selectAddAccount);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await add(label);
    setPending(false);
    if (result.ok) {
      setLabel('');
      setError(null);
      setAnnouncement(`Added ${result.value.label}.`);
    } else {
      setError(errorText(result.error));
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
            if (error) setError(null);
          }}
          error={error}
          inputRef={inputRef}
          placeholder="e.g. Work"
        />
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          Add
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
