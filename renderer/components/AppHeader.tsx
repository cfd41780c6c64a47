import { selectAccountCount, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { selectInfo, useAppStore } from '../stores/appStore';

/** The summary grows with issue 4 ("3 ready, 1 needs attention"); today it counts accounts. */
export function summaryText(count: number): string {
  if (count === 0) return 'No accounts';
  return count === 1 ? '1 account' : `${count} accounts`;
}

export function AppHeader() {
  const info = useAppStore(selectInfo);
  const count = useAccountsStore(selectAccountCount);
  const status = useAccountsStore(selectLoadStatus);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <h1 className="app-name">{info?.name ?? 'WA Accounts'}</h1>
        <p className="summary" role="status">
          {status === 'loaded' ? summaryText(count) : ''}
        </p>
      </div>
    </header>
  );
}
