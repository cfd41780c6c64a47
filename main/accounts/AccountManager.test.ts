import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ACCOUNT_ID_PATTERN, type SessionState } from '../../preload/contract';
import { AccountsRepo } from '../db/AccountsRepo';
import { ProxyRepo } from '../db/ProxyRepo';
import { AppDatabase } from '../db/AppDatabase';
import { silentLogger } from '../log';
import { AccountManager, newAccountId, type AccountManagerDeps } from './AccountManager';
import { isOpenedElsewhere, OPENED_ELSEWHERE, type StartGate } from './AccountsPort';
import { classifyDisconnect } from './disconnectReasons';
import { DEFAULT_SESSION_SETTINGS } from './AccountSession';

let dir: string;
let db: AppDatabase;
let manager: AccountManager | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-acc-'));
  db = AppDatabase.open(dir);
});
afterEach(async () => {
  await manager?.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// No browser on purpose: these tests are about the list, not about WhatsApp.
const build = (over: Partial<AccountManagerDeps> = {}) =>
  (manager = new AccountManager({
    repo: new AccountsRepo(db.db),
    proxyRepo: new ProxyRepo(db.db),
    sessionsDir: join(dir, 'sessions'),
    settings: DEFAULT_SESSION_SETTINGS,
    findBrowser: () => null,
    log: silentLogger,
    now: () => 1000,
    ...over,
  }));

it('generates distinct ids that fit the contract and LocalAuth', () => {
  const ids = new Set(Array.from({ length: 500 }, newAccountId));
  expect(ids.size).toBe(500);
  for (const id of ids) expect(id).toMatch(ACCOUNT_ID_PATTERN);
});

it('stores every change, announces the whole list, and keeps insertion order', async () => {
  const seen: string[][] = [];
  const m = build();
  m.on('changed', (l) => seen.push(l.map((x) => x.label)));
  const a = m.add('Work');
  const b = m.add('Home');
  m.rename(a.id, 'Office');
  await m.remove(b.id);
  expect(seen.filter((l, i) => i === 0 || l.join() !== seen[i - 1]!.join())).toEqual([['Work'], ['Work', 'Home'], ['Office', 'Home'], ['Office']]);
  await m.stop();
  db.close();
  db = AppDatabase.open(dir);
  expect(build().list().map(({ id, label, createdAt }) => ({ id, label, createdAt }))).toEqual([{ id: a.id, label: 'Office', createdAt: 1000 }]);
});

it('without a usable browser, says what to install instead of hanging', async () => {
  const m = build();
  const attention: string[] = [];
  m.on('attention', (n) => attention.push(n.body));
  const a = m.add('Work');
  const state = await m.sessionOf(a.id).waitFor(['failed'], 5000);
  expect(state).toMatchObject({ kind: 'failed', code: 'BROWSER_NOT_FOUND' });
  expect(state.kind === 'failed' && state.message).toMatch(/Install Chromium|Install Google Chrome/);
  expect(attention).toHaveLength(1);
  expect(m.timeline(a.id).map((e) => e.state)).toEqual(['added', 'failed']);
});

it('removing an account deletes its session folder and its timeline', async () => {
  const m = build();
  const a = m.add('Work');
  const profile = join(dir, 'sessions', `session-${a.id}`);
  mkdirSync(join(profile, 'Default'), { recursive: true });
  await m.remove(a.id);
  expect(existsSync(profile)).toBe(false);
  expect(db.db.prepare('SELECT count(*) FROM account_events').pluck().get()).toBe(0);
  expect(() => m.timeline(a.id)).toThrow(/not found/);
});

it('asks the start gate before every start: a refusal shows on the card with its code, and no browser is looked for', async () => {
  const asked: { id: string; force: boolean }[] = [];
  const findBrowser = vi.fn(() => null);
  const gate: StartGate = async (id, { force }) => {
    asked.push({ id, force });
    return force ? null : { code: 'LEASE_HELD', message: 'This account is open on another computer.' };
  };
  const m = build({ startGate: gate, findBrowser });
  const a = m.add('Work');
  expect(await m.sessionOf(a.id).waitFor(['failed'], 5000)).toEqual({ kind: 'failed', code: 'LEASE_HELD', message: 'This account is open on another computer.' });
  expect(findBrowser).not.toHaveBeenCalled();
  expect(m.get(a.id).session).toMatchObject({ kind: 'failed', code: 'LEASE_HELD' });
  // Take over asks the gate to force it; the gate lets it through and the start goes on (to the browser search).
  m.takeOver(a.id);
  await vi.waitFor(() => expect(m.get(a.id).session).toMatchObject({ kind: 'failed', code: 'BROWSER_NOT_FOUND' }));
  expect(findBrowser).toHaveBeenCalled();
  expect(asked).toEqual([{ id: a.id, force: false }, { id: a.id, force: true }]);
});

it('without a start gate every account may start', async () => {
  const m = build();
  const a = m.add('Work');
  expect(await m.sessionOf(a.id).waitFor(['failed'], 5000)).toMatchObject({ code: 'BROWSER_NOT_FOUND' });
});

it('answers an account by id without its backup status, and says where its profile is', () => {
  const m = build();
  const a = m.add('Work');
  expect(m.find(a.id)).toEqual({ id: a.id, label: 'Work', createdAt: 1000, running: true, linked: false, temporary: false, proxy: null, session: expect.any(Object) });
  expect(m.get(a.id)).not.toHaveProperty('backup');
  expect(m.find('acc-nobody')).toBeUndefined();
  expect(() => m.get('acc-nobody')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  expect(m.profileDir(a.id)).toBe(join(dir, 'sessions', `session-${a.id}`));
});

it('re-emits every state of every account with its id, and blocks an account with the reason given', async () => {
  const m = build();
  const seen: [string, SessionState['kind']][] = [];
  m.on('state', (id, state) => seen.push([id, state.kind]));
  const a = m.add('Work');
  await m.sessionOf(a.id).waitFor(['failed'], 5000);
  await m.block(a.id, 'LEASE_LOST', 'Another computer took this account over.');
  expect(m.get(a.id).session).toEqual({ kind: 'failed', code: 'LEASE_LOST', message: 'Another computer took this account over.' });
  expect(seen.every(([id]) => id === a.id)).toBe(true);
  expect(seen.at(-1)).toEqual([a.id, 'failed']);
  await m.halt(a.id);
  expect(m.get(a.id).session).toEqual({ kind: 'stopped' });
  expect(seen.at(-1)).toEqual([a.id, 'stopped']);
});

it('adopts a restored account: same id, linked, started at once, on the timeline, announced; beforeStart runs first', async () => {
  const m = build({ startGate: async () => ({ code: 'LEASE_HELD', message: 'held' }) });
  const lists: string[][] = [];
  m.on('changed', (l) => lists.push(l.map((x) => `${x.id}:${x.label}:${x.linked}`)));
  const order: string[] = [];
  m.on('state', (_id, s) => order.push(s.kind));
  const adopted = m.adopt('acc-restored1', 'Work', () => order.push('beforeStart'));
  expect(adopted).toMatchObject({ id: 'acc-restored1', label: 'Work', linked: true, running: true });
  expect(lists.at(-1)).toEqual(['acc-restored1:Work:true']);
  await m.sessionOf('acc-restored1').waitFor(['failed'], 5000);
  expect(order).toEqual(['beforeStart', 'failed']);
  expect(m.timeline('acc-restored1').map((e) => e.state)).toEqual(['restored', 'failed']);
  // Over an existing account: the label is updated and there is still one account.
  m.adopt('acc-restored1', 'Work again');
  expect(m.list().map((x) => x.label)).toEqual(['Work again']);
});

it("names WhatsApp's CONFLICT the way backup reads it", () => {
  expect(classifyDisconnect('CONFLICT')).toMatchObject({ kind: 'terminal', code: OPENED_ELSEWHERE });
  expect(isOpenedElsewhere({ kind: 'failed', code: OPENED_ELSEWHERE, message: '' })).toBe(true);
  expect(isOpenedElsewhere({ kind: 'failed', code: 'LEASE_LOST', message: '' })).toBe(false);
  expect(isOpenedElsewhere({ kind: 'stopped' })).toBe(false);
});

it('a full disk while writing an account’s history fails that account with DISK_FULL and tells the person, instead of ending the app', async () => {
  const repo = new AccountsRepo(db.db);
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const m = build({ repo });
  const notices: string[] = [];
  m.on('attention', (n) => notices.push(n.title));
  const a = m.add('Work');
  const addEvent = vi.spyOn(repo, 'addEvent').mockImplementation(() => {
    throw full;
  });
  m.startAccount(a.id);
  await vi.waitFor(() => expect(m.get(a.id).session).toMatchObject({ kind: 'failed', code: 'DISK_FULL', message: expect.stringMatching(/disk .* is full.*Free some space, then press Retry/) }));
  expect(notices).toEqual(expect.arrayContaining([expect.stringMatching(/^Work: /)]));
  // Any other failure of a write is a bug, and is not turned into DISK_FULL.
  addEvent.mockImplementation(() => {
    throw new TypeError('a bug');
  });
  expect(() => (m as unknown as { write(id: string, s: unknown, w: () => void): void }).write(a.id, {}, () => repo.addEvent(a.id, 1, 'stopped', 'x'))).toThrow('a bug');
});

it('restarts the accounts that were running a few at a time: no more starts at once than startConcurrency', async () => {
  const m0 = build();
  const ids = ['A', 'B', 'C', 'D', 'E'].map((l) => m0.add(l).id);
  await m0.stop();
  let inFlight = 0;
  let most = 0;
  const order: string[] = [];
  // Each start waits a while at its gate (as a backup lease check does), then fails fast for lack of a browser.
  const startGate: StartGate = async (id) => {
    order.push(id);
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 30));
    inFlight -= 1;
    return null;
  };
  const m = build({ startGate, startConcurrency: 2 });
  await m.start();
  expect(most).toBe(2);
  expect(order.sort()).toEqual([...ids].sort());
  for (const id of ids) expect(m.sessionOf(id).state.kind).toBe('failed');
});
