import { EventEmitter } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import type { AccountUse } from '../preload/contract';
import { createActivityView } from './accountActivity';
import { setMainLanguage } from './i18n';

function setup() {
  const messaging = Object.assign(new EventEmitter(), {
    counts: new Map<string, number>([['acc-1', 2]]),
    activity(id: string) {
      if (!this.counts.has(id)) throw new Error('not followed');
      return { unread: this.counts.get(id)!, lastActivityAt: 5 };
    },
    async markAllSeen(id: string) {
      this.counts.set(id, 0);
    },
  });
  const accounts = [{ id: 'acc-1', label: 'Shop' }, { id: 'acc-2', label: 'Home' }];
  const names = { list: () => accounts, find: (id: string) => accounts.find((a) => a.id === id) };
  const switches = new Map<string, boolean>();
  const store = { enabled: (id: string) => switches.get(id) ?? false, set: (id: string, on: boolean) => (names.find(id) ? (switches.set(id, on), true) : false) };
  const announced: AccountUse[][] = [];
  const notices: { title: string; body: string }[] = [];
  const view = createActivityView(names, messaging, store, { announce: (l) => announced.push(l), notify: (n) => notices.push(n) });
  return { view, messaging, announced, notices };
}

it('lists every account with its counts (none for one messaging does not follow) and announces the whole list on a change', () => {
  const { view, messaging, announced } = setup();
  expect(view.list()).toEqual([
    { id: 'acc-1', unread: 2, lastActivityAt: 5, notifyMessages: false },
    { id: 'acc-2', unread: 0, lastActivityAt: null, notifyMessages: false },
  ]);
  messaging.counts.set('acc-1', 3);
  messaging.emit('activity', 'acc-1');
  expect(announced.at(-1)?.[0]).toMatchObject({ id: 'acc-1', unread: 3 });
});

it('notifies a new message only where the switch is on, naming the account and never the text', () => {
  const { view, messaging, announced, notices } = setup();
  messaging.emit('message', 'acc-1', { body: 'secret' });
  expect(notices).toEqual([]);
  expect(view.setMessageNotice('acc-1', true)).toMatchObject({ id: 'acc-1', notifyMessages: true });
  expect(announced.at(-1)?.[0]?.notifyMessages).toBe(true);
  messaging.emit('message', 'acc-1', { body: 'secret' });
  messaging.emit('message', 'acc-2', { body: 'secret' });
  expect(notices).toEqual([{ id: 'acc-1', label: 'Shop', title: 'New message on Shop', body: '' }]);
});

it('marks an account read, and answers NOT_FOUND for one that does not exist', async () => {
  const { view } = setup();
  expect(await view.markRead('acc-1')).toMatchObject({ unread: 0 });
  await expect(view.markRead('acc-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(() => view.setMessageNotice('acc-nope', true)).toThrow(/not found/);
  expect(() => view.get('acc-nope')).toThrow(/not found/);
});

afterEach(() => {
  setMainLanguage('en', 'en-US');
});

it('words the new-message notice in the language of the setting, naming the account as it is', () => {
  const { view, messaging, notices } = setup();
  view.setMessageNotice('acc-1', true);
  setMainLanguage('system', 'pt-BR');
  messaging.emit('message', 'acc-1', { body: 'secret' });
  setMainLanguage('en', 'pt-BR');
  messaging.emit('message', 'acc-1', { body: 'secret' });
  expect(notices.map((n) => n.title)).toEqual(['Nova mensagem em Shop', 'New message on Shop']);
});
