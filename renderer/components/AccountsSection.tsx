// The main area: on the side, the Add control, the filters and the compact list of accounts; beside it,
// the detail pane of the selected account (its card: QR or pairing code while it links, state, messages,
// backup, history). With no account yet, an empty state says what to do.
// The form keeps its place in the tree whether or not the list is empty, so adding the first account
// does not remount it (focus and typing survive).
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectAccounts, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { selectedAccount, selectSelect, selectSelectedId, useSelectionStore } from '../stores/selectionStore';
import { accountHeadingId, AccountCard } from './AccountCard';
import { matches, type StateFilter } from './accountFilter';
import { AccountFilters } from './AccountFilters';
import { AccountList } from './AccountList';
import { AddAccountForm } from './AddAccountForm';

export function AccountsSection() {
  const { t } = useTranslation('accounts');
  const accounts = useAccountsStore(selectAccounts);
  const status = useAccountsStore(selectLoadStatus);
  const selectedId = useSelectionStore(selectSelectedId);
  const select = useSelectionStore(selectSelect);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StateFilter>('all');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const empty = status === 'loaded' && accounts.length === 0;
  // Never loaded (main unreachable, the banner says why): an Add form could only fail.
  const unavailable = status === 'failed' && accounts.length === 0;
  const selected = selectedAccount(accounts, selectedId);
  const shown = accounts.filter((a) => matches(a, filter, query));

  function added(account: Account) {
    // The new account must be visible in the list, whatever was filtered before.
    setQuery('');
    setFilter('all');
    select(account.id);
  }

  function open(id: string) {
    // The pane renders the newly selected account on the next frame; its title may be a rename form.
    requestAnimationFrame(() => (document.getElementById(accountHeadingId(id)) ?? detailRef.current)?.focus());
  }

  return (
    <section className="accounts" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" ref={headingRef} tabIndex={-1} className="section-title">
        {t('section.heading')}
      </h2>
      {unavailable ? <p className="muted">{t('section.unavailable')}</p> : null}
      <div className={selected ? 'accounts-layout split' : 'accounts-layout'}>
        <div className="accounts-side">
          <div className={empty ? 'panel empty-state' : 'panel add-panel'} hidden={unavailable}>
            {empty ? (
              <p className="empty-text">
                <Trans t={t} i18nKey="section.empty" components={{ strong: <strong /> }} />
              </p>
            ) : null}
            {empty ? (
              <p className="muted">{t('section.moving')}</p>
            ) : null}
            <AddAccountForm onAdded={added} />
          </div>
          {status === 'loading' || status === 'idle' ? <p className="muted">{t('section.loading')}</p> : null}
          {accounts.length > 0 ? (
            <div className="panel account-browser">
              <AccountFilters accounts={accounts} shown={shown.length} query={query} filter={filter} onQuery={setQuery} onFilter={setFilter} />
              {shown.length > 0 ? <AccountList accounts={shown} selectedId={selected?.id ?? null} onSelect={select} onOpen={open} /> : null}
            </div>
          ) : null}
        </div>
        {selected ? (
          <div className="account-detail" ref={detailRef} tabIndex={-1}>
            <AccountCard key={selected.id} account={selected} onRemoved={() => headingRef.current?.focus()} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
