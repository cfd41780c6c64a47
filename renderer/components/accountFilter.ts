// Which accounts the list shows: a state group chosen in "Show" and the words typed in "Search by name".
// Pure, so the groups (every session kind falls in exactly one) and the matching are unit-tested.
import type { Account, SessionState } from '../../preload/contract';
import { t } from '../i18n';
import { needsAttention } from './sessionView';

export type StateGroup = 'attention' | 'linking' | 'connecting' | 'ready' | 'stopped';
export type StateFilter = 'all' | StateGroup;

/** In the order the "Show" choice lists them: what needs the user first. */
export const GROUPS: readonly StateGroup[] = ['attention', 'linking', 'connecting', 'ready', 'stopped'];

/** The group's name in "Show", in the current language. */
export function groupText(group: StateGroup): string {
  return t(`accounts:filters.groups.${group}`);
}

export function groupOf(state: SessionState): StateGroup {
  if (needsAttention(state)) return 'attention';
  switch (state.kind) {
    case 'qr':
    case 'qr-paused':
    case 'pairing-code':
      return 'linking';
    case 'starting':
    case 'syncing':
    case 'reconnecting':
      return 'connecting';
    case 'ready':
      return 'ready';
    default:
      return 'stopped';
  }
}

/** Case and accents do not matter: "jose" finds "José". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

export function matches(account: Account, filter: StateFilter, query: string): boolean {
  if (filter !== 'all' && groupOf(account.session) !== filter) return false;
  const words = fold(query).split(/\s+/).filter(Boolean);
  const label = fold(account.label);
  return words.every((w) => label.includes(w));
}

/** How many accounts each choice of "Show" would list (the search is not applied: the counts stay put while typing). */
export function groupCounts(accounts: readonly Account[]): Record<StateFilter, number> {
  const counts: Record<StateFilter, number> = { all: accounts.length, attention: 0, linking: 0, connecting: 0, ready: 0, stopped: 0 };
  for (const a of accounts) counts[groupOf(a.session)] += 1;
  return counts;
}

/** The line under the filters, read out politely as it changes. */
export function shownText(shown: number, total: number): string {
  if (shown === total) return t('accounts:filters.total', { count: total });
  if (shown === 0) return t('accounts:filters.noMatch', { total });
  return t('accounts:filters.showing', { shown, total });
}
