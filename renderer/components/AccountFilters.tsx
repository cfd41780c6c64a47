// Above the account list: "Search by name" and "Show" (a state group, each with its count), then how
// many accounts the list shows, announced politely as it changes.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { GROUPS, groupCounts, groupText, shownText, type StateFilter } from './accountFilter';

export interface AccountFiltersProps {
  accounts: readonly Account[];
  shown: number;
  query: string;
  filter: StateFilter;
  onQuery(query: string): void;
  onFilter(filter: StateFilter): void;
}

export function AccountFilters({ accounts, shown, query, filter, onQuery, onFilter }: AccountFiltersProps) {
  const { t } = useTranslation('accounts');
  const searchId = useId();
  const showId = useId();
  const counts = groupCounts(accounts);
  const filtered = query.trim() !== '' || filter !== 'all';
  return (
    <div className="account-filters">
      <div role="search" aria-label={t('filters.find')} className="filter-row">
        <div className="field filter-search">
          <label className="field-label" htmlFor={searchId}>
            {t('filters.search')}
          </label>
          <input
            id={searchId}
            type="search"
            className="field-input"
            value={query}
            onChange={(e) => onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                onQuery('');
              }
            }}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field filter-show">
          <label className="field-label" htmlFor={showId}>
            {t('filters.show')}
          </label>
          <select id={showId} className="field-input field-select" value={filter} onChange={(e) => onFilter(e.target.value as StateFilter)}>
            <option value="all">{t('filters.all', { n: counts.all })}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t('filters.option', { group: groupText(g), n: counts[g] })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filter-result">
        <p role="status" className="muted">
          {shownText(shown, accounts.length)}
        </p>
        {filtered ? (
          <button
            type="button"
            className="button small"
            onClick={() => {
              onQuery('');
              onFilter('all');
            }}
          >
            {t('filters.showAll')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
