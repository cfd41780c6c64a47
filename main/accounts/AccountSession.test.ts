// The runner around the session machine, with a fake whatsapp-web.js client: events of an older client
// are dropped, effects run in order (a state and its notice together), and logout() returns only once
// the session is gone. The real client and browser are covered by e2e/engine/*.int.test.ts.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SessionState } from '../../preload/contract';
import { silentLogger } from '../log';
import { AccountSession } from './AccountSession';
import { profileDir } from './sessionFolder';
import { DEFAULT_SESSION_SETTINGS } from './sessionSettings';
import type { Client, ClientOptions } from './wwebjsClient';

class FakeClient extends EventEmitter {
  destroyed = false;
  loggedOut = false;
  info = { wid: { user: '15550000001' }, pushname: 'Ann' };
  authStrategy: Record<string, unknown> = { logout: 'real' };
  inject: unknown = 'real';
  constructor(readonly options: ClientOptions) {
    super();
  }
  async initialize() {}
  async destroy() {
    this.destroyed = true;
  }
  async logout() {
    this.loggedOut = true;
  }
  async getState() {
    return 'CONNECTED';
  }
}

let dir: string;
let clients: FakeClient[];
let session: AccountSession;
let seen: string[];

function build(linked = false): AccountSession {
  session = new AccountSession({
    id: 'acc-test',
    sessionsDir: dir,
    settings: DEFAULT_SESSION_SETTINGS,
    findBrowser: () => ({ executablePath: '/opt/browsers/chromium', source: 'system', headlessShell: false }),
    linked,
    log: silentLogger,
    createClient: (o) => {
      const c = new FakeClient(o);
      clients.push(c);
      return c as unknown as Client;
    },
  });
  session.on('state', (s: SessionState, reason) => seen.push(`${s.kind}: ${reason}`));
  session.on('attention', (title) => seen.push(`attention: ${title}`));
  return session;
}

/** Waits until the session made `count` clients (launching goes through the profile check first). */
async function launched(count: number): Promise<FakeClient> {
  await expect.poll(() => clients.length).toBe(count);
  return clients[count - 1]!;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-session-'));
  clients = [];
  seen = [];
});
afterEach(async () => {
  await session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('after a restart, the old client is closed and nothing it says reaches the account', async () => {
  const s = build(true);
  void s.start();
  const first = await launched(1);
  expect(first.options).toMatchObject({ accountId: 'acc-test', sessionsDir: dir, restoreOnly: true });
  void s.start();
  const second = await launched(2);
  expect(first.destroyed).toBe(true);
  first.emit('ready');
  first.emit('disconnected', 'LOGOUT');
  expect(s.state).toEqual({ kind: 'starting', phase: 'restore' });
  second.emit('ready');
  expect(s.state).toEqual({ kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' });
  expect(s.running).toBe(true);
});

it('a phone unlink disarms the library at once, closes the browser, deletes the profile, then tells the user', async () => {
  const s = build(true);
  const linked: boolean[] = [];
  s.on('linked', (l) => linked.push(l));
  void s.start();
  const client = await launched(1);
  client.emit('ready');
  mkdirSync(profileDir(dir, 'acc-test'), { recursive: true });
  client.emit('disconnected', 'LOGOUT');
  // Before the library's own handler could re-inject (it runs right after the emit returns).
  expect(client.inject).not.toBe('real');
  expect(client.authStrategy.logout).not.toBe('real');
  await s.waitFor(['logged-out'], 2_000);
  expect(seen.slice(-2)).toEqual(['logged-out: disconnected: LOGOUT', 'attention: Logged out from your phone']);
  expect(client.destroyed).toBe(true);
  expect(existsSync(profileDir(dir, 'acc-test'))).toBe(false);
  expect(linked).toEqual([false]);
  expect(s.isLinked).toBe(false);
});

it('logout() returns once the phone was told and the local session is gone', async () => {
  const s = build(true);
  void s.start();
  const client = await launched(1);
  client.emit('ready');
  mkdirSync(profileDir(dir, 'acc-test'), { recursive: true });
  await s.logout();
  expect(client.loggedOut).toBe(true);
  expect(client.destroyed).toBe(true);
  expect(existsSync(profileDir(dir, 'acc-test'))).toBe(false);
  expect(s.state).toMatchObject({ kind: 'logged-out', reason: 'logged-out-here' });
  expect(s.running).toBe(false);
});

it('a stop while linking closes the client and shows stopped; its QR arriving late changes nothing', async () => {
  const s = build(false);
  void s.start();
  const client = await launched(1);
  await s.stop('stopped by the user');
  expect(client.destroyed).toBe(true);
  client.emit('qr', '2@late');
  await new Promise((r) => setTimeout(r, 50));
  expect(s.state).toEqual({ kind: 'stopped' });
  expect(seen).toEqual(['starting: starting to link', 'stopped: stopped by the user']);
  expect(s.running).toBe(false);
});

it('message events reach the account from its current client only, and the client is offered only while Ready', async () => {
  const s = build(true);
  const heard: string[] = [];
  s.on('wa', (name, args) => heard.push(`${name}: ${(args[0] as { body: string }).body}`));
  void s.start();
  const first = await launched(1);
  first.emit('ready');
  expect(s.readyClient).toBe(first);
  first.emit('message', { body: 'one' });
  void s.start();
  const second = await launched(2);
  expect(s.readyClient).toBeUndefined();
  first.emit('message', { body: 'from the old client' });
  first.emit('unread_count', { body: 'old count' });
  second.emit('ready');
  second.emit('message_ack', { body: 'two' }, 2);
  expect(heard).toEqual(['message: one', 'message_ack: two']);
  expect(s.readyClient).toBe(second);
});

it('Open WhatsApp relaunches a Ready account in a visible full browser, and its page closing brings it back hidden, never with a QR', async () => {
  const asked: (string | undefined)[] = [];
  const pages: EventEmitter[] = [];
  session = new AccountSession({
    id: 'acc-test',
    sessionsDir: dir,
    settings: DEFAULT_SESSION_SETTINGS,
    findBrowser: (kind) => {
      asked.push(kind);
      return { executablePath: kind === 'full' ? '/opt/browsers/chromium' : '/usr/lib/chromium/chromium-headless-shell', source: 'system', headlessShell: kind !== 'full' };
    },
    linked: true,
    log: silentLogger,
    createClient: (o) => {
      const c = Object.assign(new FakeClient(o), { pupPage: new EventEmitter() });
      pages.push(c.pupPage);
      clients.push(c);
      return c as unknown as Client;
    },
  });
  session.on('state', (s: SessionState, reason) => seen.push(`${s.kind}: ${reason}`));
  void session.start();
  (await launched(1)).emit('ready');
  expect(session.state).toEqual({ kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' });

  await session.openWindow();
  const windowed = await launched(2);
  expect(clients[0]!.destroyed).toBe(true);
  expect(windowed.options).toMatchObject({ visible: true, restoreOnly: true, browser: { headlessShell: false } });
  expect(asked.at(-1)).toBe('full');
  windowed.emit('ready');
  expect(session.state).toEqual({ kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann', display: 'window' });

  // The person closes the window: a hidden browser again, on the same profile.
  await expect.poll(() => pages[1]!.listenerCount('close')).toBe(1);
  pages[1]!.emit('close');
  const hidden = await launched(3);
  expect(windowed.destroyed).toBe(true);
  expect(hidden.options.visible).toBeUndefined();
  expect(asked.at(-1)).toBe('any');
  hidden.emit('ready');
  expect(session.state).toEqual({ kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' });
  expect(seen.filter((s) => !/^(starting|ready): /.test(s))).toEqual([]);
  expect(seen).toContain('starting: opening WhatsApp in a window');
});
