// Accounts that dropped (accounts.attention): the Electron shell also shows an OS notification, but a
// user looking at the window sees it here, named, with a way to the account. Each notice is an alert
// (announced when it appears) and stays until dismissed.
import { useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { SessionState } from '../../preload/contract';
import { isEnglish, t as translate } from '../i18n';
import { selectAccounts, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { selectDismissNotice, selectNotices, useNoticesStore, type AttentionNotice } from '../stores/noticesStore';
import { showAccount } from '../stores/selectionStore';
import { accountHeadingId } from './AccountCard';
import { chipFor, sessionMessage } from './sessionView';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * A notice's title and body. Main words them in English when the account drops; another language words
 * them from the account's current state instead (which may have moved on since).
 */
export function noticeText(notice: Pick<AttentionNotice, 'label' | 'title' | 'body'>, session: SessionState | undefined, now: number): { title: string; body: string } {
  if (isEnglish() || !session) return { title: notice.title, body: notice.body };
  const title = translate('app:notices.title', { label: notice.label, state: chipFor(session, now).text });
  switch (session.kind) {
    case 'failed':
    case 'logged-out':
      return { title, body: sessionMessage(session) };
    case 'qr-paused':
      return { title, body: translate('app:notices.paused', { count: session.shown }) };
    default:
      return { title, body: translate('app:notices.recovered') };
  }
}

export function AttentionNotices() {
  const { t } = useTranslation('app');
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
  const hidden = { hidden: <span className="visually-hidden" /> };
  const now = Date.now();

  return (
    <section className="notices" aria-label={t('notices.region')}>
      <ul ref={listRef} className="notice-list">
        {shown.map((n) => {
          const text = noticeText(n, accounts.find((a) => a.id === n.id)?.session, now);
          return (
            // The alert is inside the item: a listitem may not take another role, and a list holds only items.
            <li key={n.key} className="notice-item">
              <div className="notice" role="alert">
                <span className="notice-icon" aria-hidden="true">
                  !
                </span>
                <div className="notice-text">
                  <p className="notice-title label-text">{text.title}</p>
                  <p>{text.body}</p>
                  <p className="notice-time muted">{time.format(n.at)}</p>
                </div>
                <div className="actions notice-actions">
                  <button type="button" className="button small" onClick={() => show(n.id)}>
                    <Trans t={t} i18nKey="notices.show" values={{ label: n.label }} components={hidden} />
                  </button>
                  <button type="button" className="button small notice-dismiss" onClick={() => close(n.key)}>
                    <Trans t={t} i18nKey="notices.dismiss" values={{ label: n.label }} components={hidden} />
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
