import { expect, it } from 'vitest';
import { EventHub } from '../ipc/EventHub';
import { silentLogger } from '../log';
import { forwardUnreadBadge } from './unreadBadge';

const use = (id: string, unread: number) => ({ id, unread, lastActivityAt: unread ? 1 : null, notifyMessages: false });

it('sets the badge to the unread total of every account when it changes, and clears it at zero', () => {
  const hub = new EventHub(silentLogger);
  const badge: number[] = [];
  const stop = forwardUnreadBadge(hub, (n) => badge.push(n));
  hub.emit('accounts.activity', [use('acc-1', 0), use('acc-2', 0)]);
  hub.emit('accounts.activity', [use('acc-1', 2), use('acc-2', 1)]);
  hub.emit('accounts.activity', [use('acc-1', 2), use('acc-2', 1)]);
  hub.emit('accounts.changed', []);
  hub.emit('accounts.activity', [use('acc-1', 0), use('acc-2', 1)]);
  hub.emit('accounts.activity', [use('acc-2', 0)]);
  expect(badge).toEqual([3, 1, 0]);
  stop();
  hub.emit('accounts.activity', [use('acc-1', 5)]);
  expect(badge).toEqual([3, 1, 0]);
});
