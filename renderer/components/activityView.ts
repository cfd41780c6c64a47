// What a person reads of the accounts' use: the unread badge and last activity on a card, the total in
// the header, the window title and the dock badge. Only Ready accounts count: another account's
// count is unknown (main sends 0 for it).
import type { Account, AccountUse } from '../../preload/contract';
import { t } from '../i18n';
import { agoText } from './backupView';

/** The unread total over the accounts that are Ready. */
export function unreadTotal(accounts: Account[], activity: Record<string, AccountUse>): number {
  let total = 0;
  for (const a of accounts) if (a.session.kind === 'ready') total += activity[a.id]?.unread ?? 0;
  return total;
}

/** The window title: "(3) WA Accounts" while something is unread, as mail and chat apps do. */
export function titleText(name: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${name}` : name;
}

export function unreadText(unread: number): string {
  // Zero has its own words: Portuguese's plural rules put 0 with 1 ("0 mensagem").
  return unread === 0 ? t('session:messages.unreadNone') : t('session:messages.unread', { count: unread });
}

/** "Last message 5 minutes ago", or that there was none since the app knows the account. */
export function lastActivityText(at: number | null, now: number): string {
  return at === null ? t('session:messages.never') : t('session:messages.last', { ago: agoText(Math.min(at, now), now) });
}
