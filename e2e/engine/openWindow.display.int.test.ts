// "Open WhatsApp" with a display (issue 10, item 4), under Xvfb against the simulator's page: the
// account's browser restarts as a visible window on the same profile and shows the chats; closing the
// window (or Close window) puts it back to headless; it stays Ready and linked throughout, never a QR.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../preload/contract';
import type { SimServer } from '../sim/SimServer';
import { call, closeWithMessaging, openWithMessaging, type EngineHarness } from './harness';
import { colours, drawnShare, onPath, VirtualDisplay } from './xvfb';

const ALICE = '15550000002';
const canRun = !!onPath('Xvfb') && !!onPath('xwininfo');
if (!canRun) console.log('[openWindow.display] skipped: needs Xvfb and xwininfo (npx tsx scripts/prereqs/cli.ts installs them on Debian)');

let screen: VirtualDisplay;
let before: { DISPLAY?: string; WAYLAND_DISPLAY?: string };
let sim: SimServer;
let h: EngineHarness;

beforeAll(async () => {
  if (!canRun) return;
  screen = await VirtualDisplay.start();
  before = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  // The app, and the browsers it starts, see this display as the person's.
  process.env.DISPLAY = screen.display;
  delete process.env.WAYLAND_DISPLAY;
});
afterAll(async () => {
  if (!canRun) return;
  for (const [k, v] of Object.entries(before)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await screen.stop();
});
beforeEach(async () => {
  if (!canRun) return;
  h = await openWithMessaging();
  sim = h.sim;
});
afterEach(async () => {
  if (!canRun) return;
  expect(await closeWithMessaging(h)).toEqual([]);
});

async function until<T>(what: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const shown = (id: string) => h.accounts.sessionOf(id).state;
const inWindow = (s: SessionState) => s.kind === 'ready' && s.display === 'window';
const hiddenReady = (s: SessionState) => s.kind === 'ready' && s.display !== 'window';

/** The account's browser's command line, as the OS has it. */
function browserArgs(id: string): string[] {
  const pid = h.accounts.sessionOf(id).browserPid;
  if (!pid) throw new Error('no browser');
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** What the account's page lists as chats (the simulator draws them: e2e/sim/page/view.js). */
async function chatsOnPage(id: string): Promise<string[]> {
  const page = h.accounts.sessionOf(id).readyClient?.pupPage;
  if (!page) throw new Error('not ready');
  return page.evaluate(() => [...document.querySelectorAll('[data-testid="chat"]')].map((e) => e.textContent ?? ''));
}

const chromiumWindows = () => screen.viewableWindows().filter((w) => /WhatsApp/.test(w.name) && w.width > 200 && w.height > 200);

describe.skipIf(!canRun)('Open WhatsApp with a display', () => {
  it('opens the linked account in a visible window that shows its chats, and closing it goes back to headless, Ready, with no QR', async () => {
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    sim.sendToAccount({ from: ALICE, body: 'see you at noon' });
    await until(() => h.accounts.messaging.activity(acc.id).unread === 1);
    expect(browserArgs(acc.id).some((a) => a.startsWith('--headless'))).toBe(true);
    expect(chromiumWindows()).toEqual([]);
    const seen = h.record(acc.id);

    const opened = await call(h, 'accounts.openWindow', { id: acc.id });
    expect(opened.shownAs).toBe('window');
    await until(() => inWindow(shown(acc.id)));
    expect(h.account(acc.id).session).toMatchObject({ kind: 'ready', display: 'window' });

    // A full browser without --headless, with a window X shows, drawing the account's chats.
    const args = browserArgs(acc.id);
    expect(args.some((a) => a.startsWith('--headless'))).toBe(false);
    expect(args[0]).not.toMatch(/headless[-_]shell/);
    await until(async () => (await chatsOnPage(acc.id)).length > 0);
    expect((await chatsOnPage(acc.id)).join('\n')).toContain('see you at noon');
    const windows = await until(() => chromiumWindows().length > 0 && chromiumWindows());
    expect(windows[0]!.name).toMatch(/WhatsApp/);
    const own = PNG.sync.read(Buffer.from((await h.accounts.sessionOf(acc.id).picture())!));
    expect(colours(own)).toBeGreaterThan(2);
    const x = screen.screenshot();
    // Xvfb's screen is one colour until a window is drawn on it.
    if (x) expect(drawnShare(x)).toBeGreaterThan(0.2);

    // The person closes the window (its only tab): headless again on the same profile.
    await h.accounts.sessionOf(acc.id).readyClient!.pupPage!.close();
    await until(() => hiddenReady(shown(acc.id)), 40_000);
    expect(browserArgs(acc.id).some((a) => a.startsWith('--headless'))).toBe(true);
    await until(() => chromiumWindows().length === 0);
    expect(h.account(acc.id).linked).toBe(true);

    // Open again, and close it from the app this time.
    await call(h, 'accounts.openWindow', { id: acc.id });
    await until(() => inWindow(shown(acc.id)));
    await until(() => chromiumWindows().length > 0);
    await call(h, 'accounts.closeWindow', { id: acc.id });
    await until(() => hiddenReady(shown(acc.id)), 40_000);
    await until(() => chromiumWindows().length === 0);

    expect(seen.map((s) => s.kind).filter((k) => !['starting', 'syncing', 'ready'].includes(k))).toEqual([]);
    expect(seen.filter((s) => s.kind === 'qr')).toEqual([]);
    expect(h.accounts.timeline(acc.id).map((e) => e.reason)).toContain('opening WhatsApp in a window');
    // Messages still work once it is hidden again.
    sim.sendToAccount({ from: ALICE, body: 'still there?' });
    await until(() => h.accounts.messaging.activity(acc.id).unread === 2);
  }, 150_000);
});
