import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import type { Account, BackupStatus } from '../preload/contract';
import type { AccountRecord } from './accounts/AccountsPort';
import { createAccountView } from './accountView';

const OFF: BackupStatus = { enabled: false, storeId: null, intervalMin: 15, encrypt: true, activity: 'off', last: null, failing: null, nextAt: null };
const record = (id: string, label: string): AccountRecord => ({ id, label, createdAt: 1, running: false, linked: true, session: { kind: 'stopped' }, temporary: false, proxy: null });

function sources() {
  const records = [record('acc-1', 'Work'), record('acc-2', 'Home')];
  const statuses: Record<string, BackupStatus> = { 'acc-2': { ...OFF, enabled: true, storeId: 'st-abcdef', activity: 'waiting' } };
  const accounts = Object.assign(new EventEmitter(), { list: () => records, get: (id: string) => records.find((r) => r.id === id)! });
  const backup = Object.assign(new EventEmitter(), { status: (id: string) => statuses[id] ?? OFF });
  const announced: Account[][] = [];
  const view = createAccountView(accounts, backup, (list) => announced.push(list));
  return { records, statuses, accounts, backup, announced, view };
}

it('joins each account with its backup status, as the contract sends it', () => {
  const { view } = sources();
  expect(view.get('acc-2')).toEqual({ ...record('acc-2', 'Home'), backup: expect.objectContaining({ enabled: true, activity: 'waiting' }) });
  expect(view.list().map((a) => [a.id, a.backup.activity])).toEqual([['acc-1', 'off'], ['acc-2', 'waiting']]);
  expect(view.join(record('acc-9', 'New')).backup).toEqual(OFF);
});

it('announces the joined list when accounts change, and again when a backup status changes', () => {
  const { accounts, backup, statuses, announced, records } = sources();
  accounts.emit('changed', records.slice(0, 1));
  expect(announced).toEqual([[{ ...records[0], backup: OFF }]]);
  statuses['acc-1'] = { ...OFF, enabled: true, activity: 'running' };
  backup.emit('status', 'acc-1');
  expect(announced.at(-1)!.map((a) => [a.id, a.backup.activity])).toEqual([['acc-1', 'running'], ['acc-2', 'waiting']]);
});
