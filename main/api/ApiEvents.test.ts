// What scripts hear: a QR and a state change with its reason, messages and acks, and a saved backup.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ApiEvents, type BackupSaved } from './ApiEvents';
import type { ApiEvent } from './schemas';
import { FakeAccounts, FakeMessaging } from './testing/harness';

class FakeBackup extends EventEmitter<{ saved: [BackupSaved] }> {}

function setup() {
  const accounts = new FakeAccounts();
  accounts.add('acc-a');
  const messaging = new FakeMessaging(accounts);
  const backup = new FakeBackup();
  const events = new ApiEvents({ accounts, messaging, backup });
  const got: ApiEvent[] = [];
  events.on('event', (e) => got.push(e));
  events.start();
  return { accounts, messaging, backup, events, got };
}

describe('API events', () => {
  it('announces each new QR and each state change once, with its reason', () => {
    const { accounts, got } = setup();
    accounts.setState('acc-a', { kind: 'syncing', percent: 10 });
    accounts.setState('acc-a', { kind: 'syncing', percent: 50 });
    accounts.setState('acc-a', { kind: 'qr', qr: '2@one', qrImage: 'data:image/png;base64,AA', expiresAt: 5, shown: 1, limit: 5 });
    accounts.setState('acc-a', { kind: 'qr', qr: '2@two', qrImage: 'data:image/png;base64,AA', expiresAt: 9, shown: 2, limit: 5 });
    accounts.setState('acc-a', { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'Unlinked' });
    expect(got.map((e) => [e.type, e.type === 'state' ? (e.data as { reason: string }).reason : (e.data as { qr?: string }).qr])).toEqual([
      ['state', 'syncing'],
      ['qr', '2@one'],
      ['state', 'qr'],
      ['qr', '2@two'],
      ['state', 'qr'],
      ['state', 'unlinked-from-phone'],
    ]);
  });

  it('forwards messages and acks, and a stored backup as remote_session_saved', () => {
    const { messaging, backup, got, events } = setup();
    messaging.incoming('acc-a', 'hello');
    messaging.emit('ack', 'acc-a', { id: 'm1', chatId: '15550000002@c.us', ack: 3 });
    backup.emit('saved', { accountId: 'acc-a', versionId: 'v2', size: 20, at: 2, encrypted: true });
    expect(got.map((e) => e.type)).toEqual(['message', 'message_ack', 'remote_session_saved']);
    expect(got[2]).toMatchObject({ accountId: 'acc-a', data: { versionId: 'v2', size: 20, at: 2, encrypted: true } });
    events.stop();
    messaging.incoming('acc-a', 'after stop');
    expect(got).toHaveLength(3);
  });
});
