// The compact list of accounts: one line each (a needs-attention mark, the label, the state chip, the
// unread count), so thirty accounts fit on one screen; the detail pane shows the chosen one.
// It is a single-select listbox as the WAI-ARIA Authoring Practices describe it (roving tabindex):
// the list is one tab stop (the selected option, or the first), Up/Down move to the previous/next
// option and Home/End to the first/last, selection follows focus, and Enter or Space opens the selected
// account (focus goes to its title in the detail pane). Options hold no controls: every action is in
// the pane, which is what lets the whole line be one option, named by what it shows.
import type { KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { HIDDEN } from './fieldParts';
import { StateChip } from './StateChip';
import { needsAttention } from './sessionView';
import { useNow } from './useNow';

export interface AccountListProps {
  /** The accounts the filters let through, in the list's order. */
  accounts: Account[];
  /** The account the detail pane shows (it may be filtered out of `accounts`). */
  selectedId: string | null;
  onSelect(id: string): void;
  onOpen(id: string): void;
}

/** The id of an account's option, for the detail pane to point back at it. */
export const optionId = (id: string) => `account-option-${id}`;

export function AccountList({ accounts, selectedId, onSelect, onOpen }: AccountListProps) {
  const { t } = useTranslation('accounts');
  const selectedIndex = accounts.findIndex((a) => a.id === selectedId);
  // The one option in the tab sequence: the selected one, or the first when the selection is filtered out.
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;

  function moveTo(index: number) {
    const target = accounts[index];
    if (!target) return;
    onSelect(target.id);
    document.getElementById(optionId(target.id))?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const from = selectedIndex >= 0 ? selectedIndex : -1;
    const last = accounts.length - 1;
    const next: Record<string, number | undefined> = {
      ArrowDown: Math.min(from + 1, last),
      ArrowUp: from < 0 ? 0 : Math.max(from - 1, 0),
      Home: 0,
      End: last,
    };
    if (e.key in next) {
      e.preventDefault();
      moveTo(next[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const current = accounts[tabStop];
      if (!current) return;
      onSelect(current.id);
      onOpen(current.id);
    }
  }

  return (
    <ul className="account-options" role="listbox" aria-label={t('list.label')} onKeyDown={onKeyDown}>
      {accounts.map((account, i) => (
        <AccountOption key={account.id} account={account} selected={account.id === selectedId} tabbable={i === tabStop} onSelect={onSelect} />
      ))}
    </ul>
  );
}

interface OptionProps {
  account: Account;
  selected: boolean;
  tabbable: boolean;
  onSelect(id: string): void;
}

function AccountOption({ account, selected, tabbable, onSelect }: OptionProps) {
  const { t } = useTranslation('accounts');
  const state = account.session;
  const unread = useAccountsStore((s) => (state.kind === 'ready' ? (s.activity[account.id]?.unread ?? 0) : 0));
  // Only a reconnect countdown changes by itself in a one-line chip.
  const now = useNow(state.kind === 'reconnecting' && state.attempt > 0);
  const attention = needsAttention(state);
  // No aria-label: the option is named by everything the line shows (label, state, unread). A name that
  // left visible words out would fail WCAG 2.5.3 (label in name) for people who speak what they see.
  return (
    <li
      id={optionId(account.id)}
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className={`account-option${attention ? ' attention' : ''}`}
      onClick={() => onSelect(account.id)}
    >
      {/* Decorative: the chip's words already say "Needs attention". */}
      <span className="option-mark" aria-hidden="true">
        {attention ? '!' : ''}
      </span>
      <span className="option-label label-text">
        {account.label}
      </span>
      <div className="option-state">
        <StateChip state={state} now={now} />
        {unread > 0 ? (
          <span className="option-unread">
            <Trans t={t} i18nKey="list.unread" count={unread} values={{ shown: unread > 99 ? '99+' : String(unread) }} components={HIDDEN} />
          </span>
        ) : null}
      </div>
    </li>
  );
}
