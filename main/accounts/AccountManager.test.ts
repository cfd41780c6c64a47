import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACCOUNT_ID_PATTERN } from '../../preload/contract';
import { AccountsRepo } from '../db/AccountsRepo';
import { AppDatabase } from '../db/AppDatabase';
import { silentLogger } from '../log';
import { AccountManager, newAccountId } from './AccountManager';
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
const build = () =>
  (manager = new AccountManager({
    repo: new AccountsRepo(db.db),
    sessionsDir: join(dir, 'sessions'),
    settings: DEFAULT_SESSION_SETTINGS,
    findBrowser: () => null,
    log: silentLogger,
    now: () => 1000,
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
