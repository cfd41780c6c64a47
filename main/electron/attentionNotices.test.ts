import { expect, it } from 'vitest';
import { EventHub } from '../ipc/EventHub';
import { silentLogger } from '../log';
import { forwardAttention, type Notice } from './attentionNotices';

it('shows one notification per attention event, naming the account, and a click focuses the window', () => {
  const hub = new EventHub(silentLogger);
  const shown: Notice[] = [];
  let focused = 0;
  const stop = forwardAttention(hub, (n) => shown.push(n), () => focused++);
  hub.emit('accounts.changed', []);
  hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Logged out from your phone', body: 'Link it again.' });
  expect(shown.map((n) => [n.title, n.body])).toEqual([['Work: Logged out from your phone', 'Link it again.']]);
  shown[0]!.onClick();
  expect(focused).toBe(1);
  stop();
  hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 't', body: 'b' });
  expect(shown).toHaveLength(1);
});

it('also shows the new-message notification, with the account and no message text', () => {
  const hub = new EventHub(silentLogger);
  const shown: Notice[] = [];
  forwardAttention(hub, (n) => shown.push(n), () => undefined);
  hub.emit('accounts.activity', []);
  hub.emit('accounts.message', { id: 'acc-1', label: 'Shop', title: 'New message on Shop', body: '' });
  expect(shown.map((n) => [n.title, n.body])).toEqual([['New message on Shop', '']]);
});
