// Temporary accounts (NoAuth) leave nothing: after a stop, after a quit, and after the host was killed
// (SIGKILL) and started again. "Nothing" is checked on disk: no file or folder under the data folder
// named after the account, no profile under sessions/temp, no row of it in the database.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/db/AppDatabase';
import { ApiClient } from '../apiClient';
import { WebHostProcess } from '../hostProcess';
import { SimServer } from '../sim/SimServer';
import { call, codeOf, EngineHarness, FAST_SIM, fastEngine } from './harness';
import { browsersUnder as browsersOf, eventually } from './processes';

let sim: SimServer | undefined;
let h: EngineHarness | undefined;
let host: WebHostProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await h?.dispose();
  h = undefined;
  await host?.stop();
  host = undefined;
  await sim?.stop();
  sim = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/**
 * Every path under `dir` whose name contains `id`. The other account's browser is running meanwhile and
 * creates and deletes cache folders in its own profile: one gone between listing and reading is skipped.
 */
function pathsNamed(dir: string, id: string): string[] {
  const found: string[] = [];
  const entries = (d: string) => {
    try {
      return readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  };
  const walk = (d: string) => {
    for (const e of entries(d)) {
      const p = join(d, e.name);
      if (e.name.includes(id)) found.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return found;
}

/** Rows that mention the account, in every table of the app's database. */
function rowsOf(dataDir: string, id: string): number {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    let n = 0;
    for (const t of tables) {
      const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).filter((c) => c === 'id' || c === 'account_id');
      for (const c of cols) n += db.prepare(`SELECT count(*) FROM ${t} WHERE ${c} = ?`).pluck().get(id) as number;
    }
    return n;
  } finally {
    db.close();
  }
}

it('a linked temporary account leaves nothing after a stop, is never backed up, and is gone from the list after a quit', async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  h = new EngineHarness(sim, () => fastEngine(sim!));
  await h.open();
  const kept = await call(h, 'accounts.add', { label: 'Work' });
  const temp = await call(h, 'accounts.add', { label: 'Visitor', temporary: true });
  expect(temp).toMatchObject({ temporary: true, backup: { enabled: false } });
  await h.link(temp.id);
  const profile = join(h.dataDir, 'sessions', 'temp', `session-${temp.id}`);
  // While it runs its profile is where the app can always find it, not in the OS temp folder.
  expect(existsSync(join(profile, 'Default'))).toBe(true);
  expect(await codeOf(call(h, 'backup.configure', { accountId: temp.id, enabled: true, storeId: 'st-abcdef' }))).toBe('INVALID_INPUT');
  expect(await codeOf(call(h, 'backup.runNow', { accountId: temp.id }))).toBe('INVALID_INPUT');

  const stopped = await call(h, 'accounts.stop', { id: temp.id });
  expect(stopped).toMatchObject({ temporary: true, linked: false, session: { kind: 'stopped' } });
  expect(pathsNamed(h.dataDir, temp.id)).toEqual([]);
  // Start again: a new link (a QR), since nothing of the old session is left.
  await call(h, 'accounts.start', { id: temp.id });
  await h.waitFor(temp.id, ['qr']);

  await h.restart();
  expect(h.accounts.list().map((a) => a.id)).toEqual([kept.id]);
  expect(pathsNamed(h.dataDir, temp.id)).toEqual([]);
  expect(rowsOf(h.dataDir, temp.id)).toBe(0);
}, 120_000);

it('after the host is SIGKILLed with a linked temporary account, the next start removes its profile and the account', async () => {
  if (!existsSync(join(__dirname, '../../dist/main/web.cjs'))) throw new Error('dist/main/web.cjs is missing: run `npm run build` first (npm test does).');
  sim = new SimServer(FAST_SIM);
  await sim.start();
  dataDir = mkdtempSync(join(tmpdir(), 'wa-temp-crash-'));
  host = new WebHostProcess(dataDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify(fastEngine(sim)) });
  await host.start();
  let api = await ApiClient.connect(host.origin, host.token);
  const kept = await api.call('accounts.add', { label: 'Work' });
  const temp = await api.call('accounts.add', { label: 'Visitor', temporary: true });
  const [withQr] = await api.waitForAccounts((l) => l.some((a) => a.id === temp.id && a.session.kind === 'qr'));
  const shown = withQr && api.accounts.find((a) => a.id === temp.id)!.session;
  sim.scan(shown && shown.kind === 'qr' ? shown.qr : '');
  await api.waitForAccounts((l) => l.some((a) => a.id === temp.id && a.session.kind === 'ready'));
  api.close();

  await host.stop('SIGKILL');
  expect(await eventually(() => browsersOf(dataDir!).length === 0, 15_000)).toBe(true);
  // What the killed host left: the linked profile and the account's row.
  expect(pathsNamed(dataDir, temp.id).length).toBeGreaterThan(0);
  expect(rowsOf(dataDir, temp.id)).toBeGreaterThan(0);

  await host.start();
  api = await ApiClient.connect(host.origin, host.token);
  const list = await api.call('accounts.list');
  expect(list.map((a) => a.id)).toEqual([kept.id]);
  expect(pathsNamed(dataDir, temp.id)).toEqual([]);
  expect(existsSync(join(dataDir, 'sessions', 'temp'))).toBe(false);
  expect(rowsOf(dataDir, temp.id)).toBe(0);
  api.close();
}, 120_000);
