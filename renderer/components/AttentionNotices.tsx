// Accounts that dropped (accounts.attention): the Electron shell also shows an OS notification, but a
// user looking at the window sees it here, named, with a way to the account. Each notice is an alert
// (announced when it appears) and stays until dismissed.
import { useRef } from 'react';
import { selectAccounts, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { selectDismissNotice, selectNotices, useNoticesStore } from '../stores/noticesStore';
import { showAccount } from '../stores/selectionStore';
import { accountHeadingId } from './AccountCard';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function AttentionNotices() {
  const notices = useNoticesStore(selectNotices);
  const dismiss = useNoticesStore(selectDismissNotice);
  const accounts = useAccountsStore(selectAccounts);
  const status = useAccountsStore(selectLoadStatus);
  const listRef = useRef<HTMLUListElement>(null);
  // A notice about an account that has since been removed has nothing left to act on.
  const shown = status === 'loaded' ? notices.filter((n) => accounts.some((a) => a.id === n.id)) : notices;
  if (shown.length === 0) return null;

  function close(key: number) {
    const i = shown.findIndex((n) => n.key === key);
    dismiss(key);
    // Focus the next notice's Dismiss button, or the accounts heading when none is left.
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.notice-dismiss');
    const next = buttons?.[i + 1] ?? buttons?.[i - 1];
    if (next) next.focus();
    else document.getElementById('accounts-heading')?.focus();
  }

  // The account may not be the one in the detail pane: select it there, then focus its title.
  const show = (id: string) => showAccount(id, accountHeadingId(id));

  return (
    <section className="notices" aria-label="Notifications">
      <ul ref={listRef} className="notice-list">
        {shown.map((n) => (
          // The alert is inside the item: a listitem may not take another role, and a list holds only items.
          <li key={n.key} className="notice-item">
            <div className="notice" role="alert">
              <span className="notice-icon" aria-hidden="true">
                !
              </span>
              <div className="notice-text">
                <p className="notice-title label-text">{n.title}</p>
                <p>{n.body}</p>
                <p className="notice-time muted">{time.format(n.at)}</p>
              </div>
              <div className="actions notice-actions">
                <button type="button" className="button small" onClick={() => show(n.id)}>
                  Show account<span className="visually-hidden"> {n.label}</span>
                </button>
                <button type="button" className="button small notice-dismiss" onClick={() => close(n.key)}>
                  Dismiss<span className="visually-hidden"> notice about {n.label}</span>
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
