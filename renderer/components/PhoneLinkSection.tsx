// "Link with phone number instead": a disclosure under the QR (or the paused notice) with a labelled
// phone-number field. Main checks the number; its message appears next to the field. On success the
// account restarts and shows an 8-character code instead of the QR.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { DisclosureButton } from './DisclosureButton';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

export interface PhoneLinkSectionProps {
  account: Account;
  /** The section is about to disappear (the account now shows a code): move focus to the card. */
  onStarted(): void;
}

export function PhoneLinkSection({ account, onStarted }: PhoneLinkSectionProps) {
  const { t } = useTranslation('session');
  const linkWithPhone = useAccountsStore((s) => s.linkWithPhone);
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const { run, pending, error, clearError } = useCommand();
  const inputRef = useRef<HTMLInputElement>(null);
  const formId = useId();

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await run(() => linkWithPhone(account.id, phone));
    if (result?.ok) onStarted();
    else inputRef.current?.focus();
  }

  return (
    <div className="phone-link">
      <DisclosureButton open={open} controls={formId} onToggle={() => setOpen(!open)}>
        {t('phoneLink.toggle')}
        <span className="visually-hidden"> ({account.label})</span>
      </DisclosureButton>
      <form id={formId} className="phone-form" hidden={!open} onSubmit={submit} aria-label={t('phoneLink.form', { label: account.label })} noValidate>
        <TextField
          label={t('phoneLink.phone')}
          help={t('phoneLink.help')}
          type="tel"
          name="phoneNumber"
          value={phone}
          onChange={(v) => {
            setPhone(v);
            if (error) clearError();
          }}
          error={error}
          inputRef={inputRef}
        />
        <div className="actions">
          <button type="submit" className="button primary" aria-disabled={pending || undefined}>
            {pending ? t('phoneLink.asking') : t('phoneLink.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
