// A linked account's messages at a glance: while Ready, its unread count and when it last had a
// message, with Mark as read; always, the switch for the "New message on <account>" notification
// (which never shows who wrote or what).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { askNotificationPermission } from '../stores/browserNotices';
import { lastActivityText, unreadText } from './activityView';
import { CheckboxField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { useCommand } from './useCommand';
import { useNow } from './useNow';

export function AccountMessages({ account }: { account: Account }) {
  const { t } = useTranslation('session');
  const use = useAccountsStore((s) => s.activity[account.id]);
  const markRead = useAccountsStore((s) => s.markRead);
  const setMessageNotice = useAccountsStore((s) => s.setMessageNotice);
  const reading = useCommand();
  const switching = useCommand();
  // While main saves the switch, it shows what the person chose; main's answer then decides.
  const [asked, setAsked] = useState<boolean | null>(null);
  const ready = account.session.kind === 'ready';
  // "5 min ago" moves on by itself; a minute is precise enough.
  const now = useNow(ready, 30_000);
  if (!account.linked && !ready) return null;
  const unread = use?.unread ?? 0;
  return (
    <section className="card-messages" aria-label={t('messages.region', { label: account.label })}>
      {ready ? (
        <div className="messages-line">
          <span className={unread > 0 ? 'unread-badge' : 'unread-none'} data-testid="unread">
            {unreadText(unread)}
          </span>
          <span className="muted"> · {lastActivityText(use?.lastActivityAt ?? null, now)}</span>
          {unread > 0 ? (
            <button
              type="button"
              className="button small"
              aria-disabled={reading.pending || undefined}
              onClick={() => void reading.run(() => markRead(account.id))}
            >
              {reading.pending ? t('messages.marking') : t('messages.markRead')}
              <span className="visually-hidden"> {account.label}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      <FieldError message={reading.error} />
      <CheckboxField
        asSwitch
        label={t('messages.notify')}
        help={t('messages.notifyHelp')}
        checked={switching.pending && asked !== null ? asked : use?.notifyMessages ?? false}
        busy={switching.pending}
        error={switching.error}
        onChange={(enabled) => {
          if (enabled) askNotificationPermission();
          setAsked(enabled);
          void switching.run(() => setMessageNotice(account.id, enabled)).finally(() => setAsked(null));
        }}
      />
    </section>
  );
}
