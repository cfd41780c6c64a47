// Each account's use at a glance, as the contract sends it (AccountUse): its unread total and last
// activity from accounts' messaging, and its new-message notification switch from the database. The
// whole list goes out (accounts.activity) whenever one of them changes, so every window stays current
// without asking; a notification names the account only, never the sender or the text, in the words of
// the language setting (main/i18n/).
import type { AccountUse } from '../preload/contract';
import type { AccountActivity } from '../preload/messages';
import { notFound } from './errors';
import { tm } from './i18n';

export interface ActivitySource {
  activity(id: string): AccountActivity;
  markAllSeen(id: string): Promise<void>;
  on(event: 'activity', listener: (id: string) => void): unknown;
  on(event: 'message', listener: (id: string) => void): unknown;
}

export interface AccountNames {
  list(): { id: string; label: string }[];
  find(id: string): { id: string; label: string } | undefined;
}

export interface NoticeSwitches {
  enabled(id: string): boolean;
  set(id: string, enabled: boolean): boolean;
}

export interface ActivityOutlets {
  /** The whole list, after any change (accounts.activity). */
  announce(list: AccountUse[]): void;
  /** A new message on an account whose switch is on (accounts.message). */
  notify(notice: { id: string; label: string; title: string; body: string }): void;
}

export interface ActivityView {
  list(): AccountUse[];
  get(id: string): AccountUse;
  markRead(id: string): Promise<AccountUse>;
  setMessageNotice(id: string, enabled: boolean): AccountUse;
}

export function createActivityView(accounts: AccountNames, messaging: ActivitySource, switches: NoticeSwitches, out: ActivityOutlets): ActivityView {
  const use = (id: string): AccountUse => {
    let activity: AccountActivity = { unread: 0, lastActivityAt: null };
    try {
      activity = messaging.activity(id);
    } catch {
      // An account messaging does not follow (yet): nothing unread, no activity.
    }
    return { id, ...activity, notifyMessages: switches.enabled(id) };
  };
  const list = () => accounts.list().map((a) => use(a.id));
  const get = (id: string) => {
    if (!accounts.find(id)) throw notFound('That account');
    return use(id);
  };
  messaging.on('activity', () => out.announce(list()));
  messaging.on('message', (id) => {
    const account = accounts.find(id);
    if (account && switches.enabled(id)) out.notify({ id, label: account.label, title: tm('notice.newMessage', { label: account.label }), body: '' });
  });
  return {
    list,
    get,
    async markRead(id) {
      get(id);
      await messaging.markAllSeen(id);
      return use(id);
    },
    setMessageNotice(id, enabled) {
      if (!switches.set(id, enabled)) throw notFound('That account');
      out.announce(list());
      return use(id);
    },
  };
}
