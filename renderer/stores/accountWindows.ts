// "Open WhatsApp": main either restarts the account's browser as a visible window (the card's chip then
// says "Open in a window") or, with no display, answers that the card should show a picture of the page,
// which it then asks for every few seconds. The answers update the account like any session command.
import type { CommandOutput, Result } from '../../preload/contract';
import { useAccountsStore } from './accountsStore';
import { call } from './api';

export type OpenAnswer = Omit<CommandOutput<'accounts.openWindow'>, 'account'>;
export type Picture = CommandOutput<'accounts.picture'>;

export async function openWindow(id: string): Promise<Result<OpenAnswer>> {
  const since = useAccountsStore.getState().revision;
  const result = await call('accounts.openWindow', { id });
  if (!result.ok) return result;
  const { account, ...answer } = result.value;
  take(account, since);
  return { ok: true, value: answer };
}

export async function closeWindow(id: string): Promise<Result<unknown>> {
  const since = useAccountsStore.getState().revision;
  const result = await call('accounts.closeWindow', { id });
  if (result.ok) take(result.value, since);
  return result;
}

export function picture(id: string): Promise<Result<Picture>> {
  return call('accounts.picture', { id });
}

/** The answer's account, unless a newer list arrived while main answered (as accountsStore does). */
function take(account: CommandOutput<'accounts.closeWindow'>, since: number): void {
  useAccountsStore.setState((s) => (s.revision === since ? { accounts: s.accounts.map((a) => (a.id === account.id ? account : a)) } : {}));
}
