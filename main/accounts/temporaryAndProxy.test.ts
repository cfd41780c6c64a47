import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProxyInput } from '../../preload/contract';
import { AccountsRepo } from '../db/AccountsRepo';
import { AppDatabase } from '../db/AppDatabase';
import { ProxyRepo } from '../db/ProxyRepo';
import { silentLogger } from '../log';
import { launchFailure, proxyServer, type SecretVault } from './accountProxy';
import { AccountManager } from './AccountManager';
import { DEFAULT_SESSION_SETTINGS } from './AccountSession';
import { createClient } from './wwebjsClient';

let dir: string;
let db: AppDatabase;
let manager: AccountManager | undefined;
let vault: MemoryVault;

class MemoryVault implements SecretVault {
  readonly values = new Map<string, string>();
  async get(ref: string) {
    return this.values.get(ref);
  }
  async set(ref: string, value: string) {
    this.values.set(ref, value);
  }
  async delete(ref: string) {
    this.values.delete(ref);
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-tmp-proxy-'));
  db = AppDatabase.open(dir);
  vault = new MemoryVault();
});
afterEach(async () => {
  await manager?.stop();
  manager = undefined;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// No browser: these tests are about what is kept, not about WhatsApp.
const build = () =>
  (manager = new AccountManager({
    repo: new AccountsRepo(db.db),
    proxyRepo: new ProxyRepo(db.db),
    secrets: vault,
    sessionsDir: join(dir, 'sessions'),
    settings: DEFAULT_SESSION_SETTINGS,
    findBrowser: () => null,
    log: silentLogger,
  }));

describe('temporary accounts', () => {
  it('are marked, keep their profile under sessions/temp, and are gone from the list and the database after a quit', async () => {
    const m = build();
    const kept = m.add('Work');
    const temp = m.add('Visitor', { temporary: true });
    expect(temp.temporary).toBe(true);
    expect(kept.temporary).toBe(false);
    expect(m.profileDir(temp.id)).toBe(join(dir, 'sessions', 'temp', `session-${temp.id}`));
    mkdirSync(m.profileDir(temp.id), { recursive: true });
    writeFileSync(join(m.profileDir(temp.id), 'Cookies'), 'x');
    await m.setProxy(temp.id, { scheme: 'http', host: '127.0.0.1', port: 3128, username: 'ann', password: 'pw' });
    await m.stop();
    manager = undefined;
    expect(existsSync(join(dir, 'sessions', 'temp', `session-${temp.id}`))).toBe(false);
    expect(vault.values.size).toBe(0);
    expect(build().list().map((a) => a.label)).toEqual(['Work']);
    expect(db.db.prepare('SELECT count(*) FROM account_events WHERE account_id = ?').pluck().get(temp.id)).toBe(0);
  });

  it('left behind by a killed app (rows, profile, proxy password) are removed on the next start, before anything lists them', async () => {
    const repo = new AccountsRepo(db.db);
    repo.insert({ id: 'acc-killed0001', label: 'Visitor', createdAt: 1, temporary: true });
    repo.insert({ id: 'acc-kept000001', label: 'Work', createdAt: 2 });
    new ProxyRepo(db.db).set('acc-killed0001', { scheme: 'http', host: 'proxy.lan', port: 8080, username: 'ann', hasPassword: true });
    await vault.set('proxy:acc-killed0001', 'pw');
    const left = join(dir, 'sessions', 'temp', 'session-acc-killed0001', 'Default');
    mkdirSync(left, { recursive: true });
    writeFileSync(join(left, 'Local State'), 'x');
    const m = build();
    expect(m.list().map((a) => a.id)).toEqual(['acc-kept000001']);
    expect(existsSync(join(dir, 'sessions', 'temp'))).toBe(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(vault.values.size).toBe(0);
    expect(db.db.prepare('SELECT count(*) FROM account_proxy').pluck().get()).toBe(0);
  });

  it('a stop deletes the profile and leaves the account unlinked, so Start links it again', async () => {
    const m = build();
    const temp = m.add('Visitor', { temporary: true });
    await m.sessionOf(temp.id).waitFor(['failed'], 5_000);
    mkdirSync(m.profileDir(temp.id), { recursive: true });
    db.db.prepare('UPDATE accounts SET linked = 1 WHERE id = ?').run(temp.id);
    const stopped = await m.stopAccount(temp.id);
    expect(existsSync(m.profileDir(temp.id))).toBe(false);
    expect(stopped).toMatchObject({ temporary: true, linked: false, running: false, session: { kind: 'stopped' } });
    expect(m.sessionOf(temp.id).isLinked).toBe(false);
  });

  it('are built with NoAuth on their own folder under the data folder, never a default temp folder', () => {
    const browser = { executablePath: '/opt/browsers/chromium', headlessShell: false } as never;
    const base = { accountId: 'acc-t1', restoreOnly: false, browser, extraChromiumArgs: [], pageTimeoutMs: 1_000 };
    const temp = createClient({ ...base, sessionsDir: join(dir, 'sessions', 'temp'), temporary: true });
    const t = temp as unknown as { authStrategy: object; options: { puppeteer: { userDataDir?: string } } };
    expect(t.authStrategy.constructor.name).toMatch(/NoAuth/);
    expect(t.options.puppeteer.userDataDir).toBe(join(dir, 'sessions', 'temp', 'session-acc-t1'));
    const kept = createClient({ ...base, sessionsDir: join(dir, 'sessions') }) as unknown as typeof t;
    expect(kept.authStrategy.constructor.name).toMatch(/LocalAuth/);
    expect(kept.options.puppeteer.userDataDir).toBeUndefined();
  });
});

describe('per-account proxy', () => {
  it('keeps the password in the secret store only, reports that one is kept, and drops it with a new user or the account', async () => {
    const m = build();
    const a = m.add('Work');
    const set = await m.setProxy(a.id, { scheme: 'http', host: 'proxy.lan', port: 3128, username: 'ann', password: 's3cret' });
    expect(set.proxy).toEqual({ scheme: 'http', host: 'proxy.lan', port: 3128, username: 'ann', hasPassword: true });
    expect(JSON.stringify(m.list())).not.toContain('s3cret');
    expect(JSON.stringify(db.db.prepare('SELECT * FROM account_proxy').all())).not.toContain('s3cret');
    expect(vault.values.get(`proxy:${a.id}`)).toBe('s3cret');
    // Same user, no password typed: the kept one stays.
    expect((await m.setProxy(a.id, { scheme: 'https', host: 'proxy.lan', port: 3129, username: 'ann' })).proxy).toMatchObject({ scheme: 'https', hasPassword: true });
    // Another user without a password: the old password is not hers.
    expect((await m.setProxy(a.id, { scheme: 'http', host: 'proxy.lan', port: 3128, username: 'bob' })).proxy).toMatchObject({ username: 'bob', hasPassword: false });
    expect(vault.values.has(`proxy:${a.id}`)).toBe(false);
    await m.setProxy(a.id, { scheme: 'http', host: 'proxy.lan', port: 3128, username: 'bob', password: 'b' });
    await m.remove(a.id);
    expect(vault.values.size).toBe(0);
  });

  it('removing the proxy removes its password; an unknown account is NOT_FOUND', async () => {
    const m = build();
    const a = m.add('Work');
    await m.setProxy(a.id, { scheme: 'http', host: '10.0.0.5', port: 8080, username: 'ann', password: 'pw' });
    expect((await m.setProxy(a.id, null)).proxy).toBeNull();
    expect(vault.values.size).toBe(0);
    await expect(m.setProxy('acc-nobody', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses SOCKS5 with a user and password, with a message that says why (contract and main alike)', async () => {
    const parsed = ProxyInput.safeParse({ scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'ann', password: 'pw' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/Chromium cannot sign in to a SOCKS5 proxy/);
    expect(ProxyInput.safeParse({ scheme: 'socks5', host: '127.0.0.1', port: 1080 }).success).toBe(true);
    expect(ProxyInput.safeParse({ scheme: 'http', host: 'bad host/x', port: 1080 }).success).toBe(false);
    const m = build();
    const a = m.add('Work');
    await expect(m.setProxy(a.id, { scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'ann', password: 'pw' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/SOCKS5/) });
    expect(m.get(a.id).proxy).toBeNull();
  });

  it("gives Chromium the proxy as scheme://host:port and reads the proxy's own failures as PROXY_UNREACHABLE", () => {
    expect(proxyServer({ scheme: 'socks5', host: '127.0.0.1', port: 1080 })).toBe('socks5://127.0.0.1:1080');
    expect(proxyServer({ scheme: 'http', host: '::1', port: 3128 })).toBe('http://[::1]:3128');
    const browser = { executablePath: '/opt/browsers/chromium', headlessShell: false } as never;
    const client = createClient({ accountId: 'acc-p1', sessionsDir: join(dir, 's'), restoreOnly: false, browser, extraChromiumArgs: [], pageTimeoutMs: 1, proxy: { server: 'http://127.0.0.1:3128', credentials: { username: 'ann', password: 'pw' } } });
    const o = (client as unknown as { options: { puppeteer: { args: string[] }; proxyAuthentication?: unknown } }).options;
    expect(o.puppeteer.args).toContain('--proxy-server=http://127.0.0.1:3128');
    expect(o.proxyAuthentication).toEqual({ username: 'ann', password: 'pw' });
    expect(launchFailure('net::ERR_PROXY_CONNECTION_FAILED at https://web.whatsapp.com/')).toMatchObject({ code: 'PROXY_UNREACHABLE', message: expect.stringMatching(/proxy could not be reached/) });
    expect(launchFailure('net::ERR_TUNNEL_CONNECTION_FAILED at https://web.whatsapp.com/').code).toBe('PROXY_UNREACHABLE');
    expect(launchFailure('Failed to launch the browser process!').code).toBe('LAUNCH_FAILED');
  });
});
