// "Open WhatsApp" where the host has no display (the web host on a server): the card shows a live,
// read-only picture of what the account's WhatsApp Web shows, taken again every few seconds, so a new
// chat appears in it; the account stays Ready. (With a display the browser opens as a window instead:
// e2e/engine/openWindow.display.int.test.ts covers that under Xvfb.)
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';
import { card, chip, openApp, snap } from './ui';

const ALICE = '15550000002';
let before: { DISPLAY?: string; WAYLAND_DISPLAY?: string };

// The host this spec starts sees no display, whatever the machine running it has.
test.beforeAll(() => {
  before = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  delete process.env.DISPLAY;
  delete process.env.WAYLAND_DISPLAY;
});
test.afterAll(() => {
  for (const [k, v] of Object.entries(before)) if (v !== undefined) process.env[k] = v;
});

function decode(src: string | null): PNG {
  const m = /^data:image\/png;base64,(.+)$/.exec(src ?? '');
  if (!m) throw new Error(`not a PNG data URL: ${src?.slice(0, 40)}`);
  return PNG.sync.read(Buffer.from(m[1]!, 'base64'));
}

test('without a display, Open WhatsApp shows a live picture of the account’s chats that refreshes', async ({ page, host, sim }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the desktop app always has a display: it opens a window');
  test.setTimeout(90_000);
  await openApp(page, host.url);
  await page.getByLabel('Account name').fill('Work');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  let c = await card(page, 'Work');
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  await expect.poll(() => sim.pendingQrs().length).toBeGreaterThan(0);
  sim.scan(sim.pendingQrs()[0]!.qr);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });

  await c.getByRole('button', { name: 'Open WhatsApp Work' }).click();
  const picture = c.getByRole('img', { name: 'What WhatsApp Web shows for Work' });
  await expect(picture).toBeVisible();
  await expect(c.getByText(/without a display/)).toBeVisible();
  await expect(chip(c)).toHaveText('Ready');
  const first = await picture.getAttribute('src');
  const png = decode(first);
  expect(png.width).toBeGreaterThan(300);
  // Not blank: the simulated page draws its header and chat list.
  expect(new Set(Array.from({ length: png.width * png.height }, (_, i) => png.data.readUInt32BE(i * 4))).size).toBeGreaterThan(2);
  const firstTime = await c.getByTestId('picture-time').textContent();

  // A message from the phone: the next picture (a few seconds later, with no click) shows the new chat.
  sim.sendToAccount({ from: ALICE, body: 'lunch at noon?' });
  await expect.poll(() => picture.getAttribute('src'), { timeout: 15_000 }).not.toBe(first);
  await expect(c.getByTestId('picture-time')).not.toHaveText(firstTime ?? '', { timeout: 10_000 });
  await snap(page, testInfo, 'open-whatsapp-picture');

  c = await card(page, 'Work');
  await c.getByRole('button', { name: 'Hide WhatsApp Work' }).click();
  await expect(picture).toHaveCount(0);
  await expect(c.getByRole('button', { name: 'Open WhatsApp Work' })).toBeVisible();
  await expect(chip(c)).toHaveText('Ready');
  // The picture is the person's chats: the host never logs it.
  expect(host.output).not.toContain(first!.slice(30, 90));
});
