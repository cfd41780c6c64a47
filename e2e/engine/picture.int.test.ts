// "Open WhatsApp" where there is no display (the web host on a server): the account's browser stays
// hidden and accounts.picture answers a PNG of what its page shows, which follows the page (issue 10, item 4).
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../sim/SimServer';
import { call, closeWithMessaging, codeOf, openWithMessaging, type EngineHarness } from './harness';
import { colours } from './xvfb';

const ALICE = '15550000002';

let before: { DISPLAY?: string; WAYLAND_DISPLAY?: string };
let sim: SimServer;
let h: EngineHarness;

beforeAll(() => {
  // No display, whatever the machine running the tests has.
  before = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
});
afterAll(() => {
  for (const [k, v] of Object.entries(before)) if (v !== undefined) process.env[k] = v;
});
beforeEach(async () => {
  h = await openWithMessaging();
  sim = h.sim;
});
afterEach(async () => expect(await closeWithMessaging(h)).toEqual([]));

async function until(what: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function decode(dataUrl: string): PNG {
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!m) throw new Error('not a PNG data URL');
  return PNG.sync.read(Buffer.from(m[1]!, 'base64'));
}

describe('Open WhatsApp without a display', () => {
  it('answers "picture" and keeps the browser hidden; the picture is a PNG of the page that follows its chats', async () => {
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const pid = h.accounts.sessionOf(acc.id).browserPid;

    const opened = await call(h, 'accounts.openWindow', { id: acc.id });
    expect(opened.shownAs).toBe('picture');
    expect(opened.why).toMatch(/without a display/);
    expect(opened.account.session).toMatchObject({ kind: 'ready' });
    expect(h.accounts.sessionOf(acc.id).state).not.toHaveProperty('display', 'window');
    // The same browser: nothing was restarted.
    expect(h.accounts.sessionOf(acc.id).browserPid).toBe(pid);

    const first = await call(h, 'accounts.picture', { id: acc.id });
    const png = decode(first.image);
    expect(png.width).toBeGreaterThan(300);
    expect(png.height).toBeGreaterThan(200);
    expect(colours(png)).toBeGreaterThan(2);
    expect(first.takenAt).toBeGreaterThan(Date.now() - 10_000);

    // A new chat shows on the page, so the next picture differs.
    sim.sendToAccount({ from: ALICE, body: 'lunch at noon?' });
    await until(() => h.accounts.messaging.activity(acc.id).unread === 1);
    await new Promise((r) => setTimeout(r, 300));
    const second = await call(h, 'accounts.picture', { id: acc.id });
    expect(second.image).not.toBe(first.image);
    expect(second.takenAt).toBeGreaterThanOrEqual(first.takenAt);

    // The picture is the person's chats: never in the log.
    const log = h.logLines.join('\n');
    expect(log).not.toContain(first.image.slice(30, 90));
    expect(log).not.toContain('lunch at noon');
  }, 60_000);

  it('refuses a picture or a window for an account that is not Ready, and an unknown account', async () => {
    const acc = h.accounts.add('New');
    await h.waitFor(acc.id, ['qr']);
    expect(await codeOf(call(h, 'accounts.picture', { id: acc.id }))).toBe('NOT_READY');
    expect(await codeOf(call(h, 'accounts.openWindow', { id: acc.id }))).toBe('NOT_READY');
    expect(await codeOf(call(h, 'accounts.picture', { id: 'acc-nobody' }))).toBe('NOT_FOUND');
    expect(await codeOf(call(h, 'accounts.picture', { id: '../etc' }))).toBe('INVALID_INPUT');
    // Closing a window that is not open changes nothing.
    const closed = await call(h, 'accounts.closeWindow', { id: acc.id });
    expect(closed.session.kind).toBe('qr');
  }, 60_000);
});
