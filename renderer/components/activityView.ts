// What a person reads of the accounts' use: the unread badge and last activity on a card, the total in
// the header, the window title and the dock badge. Only Ready accounts count: another account's
// count is unknown (main sends 0 for it).
import type { Account, AccountUse } from '../../preload/contract';
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
  return unread === 1 ? '1 unread message' : `${unread} unread messages`;
}

/** "Last message 5 minutes ago", or that there was none since the app knows the account. */
export function lastActivityText(at: number | null, now: number): string {
  return at === null ? 'No messages yet' : `Last message ${agoText(Math.min(at, now), now)}`;
}
