// The app's name and an app-wide summary of every account's state ("3 accounts: 2 ready, 1 needs
// attention"), announced politely when it changes; the unread total of the Ready accounts, also in
// the window title ("(2) WA Accounts"), so it shows in the taskbar or the browser tab.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectAccounts, selectActivity, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { selectConnection, selectInfo, useAppStore } from '../stores/appStore';
import { titleText, unreadText, unreadTotal } from './activityView';
import { ScreenNav } from './ScreenNav';
import { summaryParts } from './sessionView';

export function AppHeader() {
  const { t } = useTranslation('app');
  const info = useAppStore(selectInfo);
  const accounts = useAccountsStore(selectAccounts);
  const status = useAccountsStore(selectLoadStatus);
  const parts = summaryParts(accounts);
  const stale = useAppStore(selectConnection).state === 'failed';
  const unread = unreadTotal(accounts, useAccountsStore(selectActivity));
  const name = info?.name ?? t('name');
  const title = titleText(name, unread);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <h1 className="app-name">{name}</h1>
        <ScreenNav />
        <p className="summary" role="status">
          {status !== 'loaded' ? null : accounts.length === 0 ? (
            t('header.noAccounts')
          ) : (
            <>
              {stale ? <span className="summary-stale">{t('header.lastKnown')}</span> : null}
              <span className="summary-total">{t('header.total', { count: accounts.length })}</span>
              {parts.map((p, i) => (
                <span key={p.category}>
                  <span className={`summary-part summary-${p.category}`}>{p.text}</span>
                  {i < parts.length - 1 ? t('header.separator') : ''}
                </span>
              ))}
              {unread > 0 ? (
                <span className="summary-unread" data-testid="unread-total">
                  {t('header.unread', { text: unreadText(unread) })}
                </span>
              ) : null}
            </>
          )}
        </p>
      </div>
    </header>
  );
}
