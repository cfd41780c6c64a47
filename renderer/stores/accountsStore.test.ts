import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useAccountsStore } from './accountsStore';
import { installFakeApi, type FakeApi } from './testing/fakeApi';
import { account } from './testing/samples';

let api: FakeApi;
beforeEach(() => {
  api = installFakeApi();
  useAccountsStore.setState(useAccountsStore.getInitialState(), true);
});
afterEach(() => vi.unstubAllGlobals());

const state = () => useAccountsStore.getState();

it("loads main's list once, and says why when it cannot", async () => {
  api.ok('accounts.list', [account('acc-1'), account('acc-2', 'Home')]);
  const loading = state().load();
  expect(state().status).toBe('loading');
  await loading;
  expect(state()).toMatchObject({ status: 'loaded', loadError: null, accounts: [{ id: 'acc-1' }, { id: 'acc-2' }] });
  api.answer('accounts.list', () => ({ ok: false, error: { code: 'INTERNAL', message: 'The database is locked.' } }));
  await state().load();
  expect(state()).toMatchObject({ status: 'failed', loadError: { code: 'INTERNAL' } });
});

it('a list from accounts.changed that arrives during a slow load is newer, and the load does not overwrite it', async () => {
  const slow = api.hold('accounts.list');
  const loading = state().load();
  state().replaceAll([account('acc-new', 'Newer')]);
  slow.release({ ok: true, value: [account('acc-old', 'Older')] });
  await loading;
  expect(state()).toMatchObject({ status: 'loaded', accounts: [{ id: 'acc-new' }] });
});

it('add, rename and remove leave the list as main answered, and an error leaves it as it was', async () => {
  api.answer('accounts.add', (input) => ({ ok: true, value: account('acc-1', (input as { label: string }).label) }));
  expect(await state().add('Work')).toMatchObject({ ok: true, value: { id: 'acc-1' } });
  api.ok('accounts.rename', account('acc-1', 'Office'));
  await state().rename('acc-1', 'Office');
  expect(state().accounts.map((a) => a.label)).toEqual(['Office']);
  api.answer('accounts.rename', () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'Give the account a name', field: 'label' } }));
  expect(await state().rename('acc-1', ' ')).toMatchObject({ ok: false, error: { field: 'label' } });
  expect(state().accounts.map((a) => a.label)).toEqual(['Office']);
  api.ok('accounts.remove', { id: 'acc-1' });
  await state().remove('acc-1');
  expect(state().accounts).toEqual([]);
  expect(api.calls.map((c) => c.name)).toEqual(['accounts.add', 'accounts.rename', 'accounts.rename', 'accounts.remove']);
});

it("a session command's answer shows, unless main broadcast a newer list meanwhile (the card follows main, not the button)", async () => {
  state().replaceAll([account('acc-1', 'Work', { session: { kind: 'ready', phoneNumber: '1', pushName: 'Me' } })]);
  api.ok('accounts.stop', account('acc-1', 'Work', { session: { kind: 'stopped' }, running: false }));
  await state().stop('acc-1');
  expect(state().accounts[0]!.session.kind).toBe('stopped');

  const slow = api.hold('accounts.start');
  const starting = state().start('acc-1');
  state().replaceAll([account('acc-1', 'Work', { session: { kind: 'syncing', percent: 40 } })]);
  slow.release({ ok: true, value: account('acc-1', 'Work', { session: { kind: 'starting', phase: 'launch' } }) });
  await starting;
  expect(state().accounts[0]!.session).toEqual({ kind: 'syncing', percent: 40 });
  expect(api.calls.at(-1)).toEqual({ name: 'accounts.start', input: { id: 'acc-1' } });
});

it('linking with a phone and taking over send their command and show the answer', async () => {
  state().replaceAll([account('acc-1')]);
  api.ok('accounts.linkWithPhone', account('acc-1', 'Work', { session: { kind: 'pairing-code', code: 'ABCD1234', expiresAt: 9 } }));
  await state().linkWithPhone('acc-1', '+49 170 1234567');
  expect(state().accounts[0]!.session.kind).toBe('pairing-code');
  api.ok('accounts.takeOver', account('acc-1', 'Work', { session: { kind: 'starting', phase: 'launch' } }));
  await state().takeOver('acc-1');
  expect(state().accounts[0]!.session.kind).toBe('starting');
  expect(api.calls.map((c) => [c.name, c.input])).toEqual([
    ['accounts.linkWithPhone', { id: 'acc-1', phoneNumber: '+49 170 1234567' }],
    ['accounts.takeOver', { id: 'acc-1' }],
  ]);
});

it('loads the unread counts with the list, follows accounts.activity, and a late first answer does not overwrite a newer event', async () => {
  const use = (id: string, unread: number) => ({ id, unread, lastActivityAt: unread ? 1_000 : null, notifyMessages: false });
  const slow = api.hold('accounts.activity');
  api.ok('accounts.list', [account('acc-1')]);
  const loading = state().load();
  state().replaceActivity([use('acc-1', 2)]);
  slow.release({ ok: true, value: [use('acc-1', 0)] });
  await loading;
  await vi.waitFor(() => expect(api.calls.map((c) => c.name)).toContain('accounts.activity'));
  await new Promise((r) => setTimeout(r, 0));
  expect(state().activity['acc-1']?.unread).toBe(2);

  api.ok('accounts.setMessageNotice', { ...use('acc-1', 2), notifyMessages: true });
  expect(await state().setMessageNotice('acc-1', true)).toMatchObject({ ok: true });
  expect(state().activity['acc-1']?.notifyMessages).toBe(true);
  api.ok('accounts.markRead', use('acc-1', 0));
  await state().markRead('acc-1');
  expect(state().activity['acc-1']?.unread).toBe(0);
  expect(api.calls.filter((c) => c.name !== 'accounts.list' && c.name !== 'accounts.activity')).toEqual([
    { name: 'accounts.setMessageNotice', input: { id: 'acc-1', enabled: true } },
    { name: 'accounts.markRead', input: { id: 'acc-1' } },
  ]);
});
