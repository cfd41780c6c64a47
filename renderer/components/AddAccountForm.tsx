// "Account name" + Add, and "Add a temporary account" (nothing of it is kept once it stops or the app
// quits; never backed up). On INVALID_INPUT the message appears next to the field and the text stays.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectAddAccount, useAccountsStore } from '../stores/accountsStore';
import { CheckboxField } from './ChoiceFields';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

/** `onAdded`: the new account, so the list can show it (its QR code comes next). */
export function AddAccountForm({ onAdded }: { onAdded?(account: Account): void }) {
  const { t } = useTranslation('accounts');
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
      const values = { label: result.value.label };
      setAnnouncement(result.value.temporary ? t('add.addedTemporary', values) : t('add.added', values));
      setTemporary(false);
      onAdded?.(result.value);
    } else {
      setAnnouncement('');
    }
    inputRef.current?.focus();
  }

  return (
    <form className="add-form" onSubmit={submit} aria-label={t('add.form')} noValidate>
      <div className="add-row">
        <TextField
          label={t('add.name')}
          name="label"
          value={label}
          onChange={(v) => {
            setLabel(v);
            adding.clearError();
          }}
          error={adding.error}
          inputRef={inputRef}
          placeholder={t('add.placeholder')}
        />
        <button type="submit" className="button primary" aria-disabled={adding.pending || undefined}>
          {t('add.submit')}
        </button>
      </div>
      <CheckboxField
        label={t('add.temporary')}
        name="temporary"
        checked={temporary}
        onChange={setTemporary}
        help={t('add.temporaryHelp')}
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </form>
  );
}
