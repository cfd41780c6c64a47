// Linking end to end, as the user sees it: the QR on screen is decoded from a screenshot and must be
// exactly the QR the simulated WhatsApp issued; the phone scans it (or types the pairing code) and the
// card turns Ready; restarts restore without a QR; unlinking from the phone says so and re-linking works.
// Screenshots of each screen are attached to the report (look at them after a UI change).
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { E2E_SIM, expect, test } from './fixtures';
import type { SimServer } from './sim/SimServer';
import { accountEntry, card, chip, openApp, snap, watchForQr } from './ui';

async function addAccount(page: Page, label: string): Promise<Locator> {
  await page.getByLabel('Account name').fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const c = await card(page, label);
  await expect(c).toBeVisible();
  return c;
}

/** Screenshots the card's QR (with its white quiet zone) and decodes it as a phone's camera would. */
async function decodeQr(c: Locator): Promise<string | null> {
  const png = PNG.sync.read(await c.locator('.qr-frame').screenshot({ animations: 'disabled' }));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** The QR on screen, once it decodes to one the simulator is showing right now (QRs rotate). */
async function qrOnScreen(c: Locator, sim: SimServer): Promise<string> {
  let qr: string | null = null;
  await expect(async () => {
    qr = await decodeQr(c);
    expect(qr, 'the QR on screen decodes').not.toBeNull();
    expect(sim.pendingQrs().map((p) => p.qr)).toContain(qr);
  }).toPass({ timeout: 20_000 });
  return qr!;
}

async function linkByQr(c: Locator, sim: SimServer, phone?: Parameters<SimServer['scan']>[1]): Promise<void> {
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  sim.scan(await qrOnScreen(c, sim), phone);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
}

async function expectRestoredWithoutQr(page: Page, c: Locator, host: { restart(): Promise<void>; url: string }): Promise<void> {
  await host.restart();
  await openApp(page, host.url);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  expect(await page.evaluate(() => window.__qrSeen), 'no QR was shown after the restart').toBe(0);
}

test('the QR on screen is the one WhatsApp issued; scanning links; a restart restores with no QR', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(120_000);
  await watchForQr(page);
  await openApp(page, host.url);
  const c = await addAccount(page, 'Work');

  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  const img = c.getByRole('img', { name: 'QR code to link Work to WhatsApp' });
  await expect(img).toBeVisible();
  const qr = await qrOnScreen(c, sim);
  expect(await img.getAttribute('alt')).not.toContain(qr);
  await expect(c).toContainText('QR 1 of 6');
  await expect(c).toContainText('If your phone says it can’t link more devices, unlink one in WhatsApp › Linked devices first');
  // The countdown counts down, once a second.
  const countdown = c.locator('.qr-caption .countdown');
  await expect(countdown).toHaveText(/^Expires in \d+ s$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 3_000 });
  await expect(page.getByRole('banner')).toContainText('1 account: 1 waiting for scan');
  await snap(page, testInfo, 'qr');

  sim.scan(qr);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  await expect(c).toContainText(`+${sim.defaultPhone.number}`);
  await expect(c).toContainText(sim.defaultPhone.pushname);
  await expect(img).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('1 account: 1 ready');
  await snap(page, testInfo, 'ready');

  await expectRestoredWithoutQr(page, c, host);

  // The details view: the timeline, newest first, with the restore at the top.
  await c.getByRole('button', { name: 'Details and history of Work' }).click();
  const history = c.getByRole('list', { name: 'History of Work, newest first' });
  const entries = history.getByRole('listitem');
  await expect(entries.first()).toContainText('Ready');
  await expect(history).toContainText('restoring the saved session');
  await expect(history).toContainText('Waiting for scan');
  const times = await history.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
  expect(times.length).toBeGreaterThan(4);
  expect(times).toEqual(times.slice().sort((a, b) => b - a));
  await snap(page, testInfo, 'timeline');
});

for (const style of ['bridge', 'state'] as const) {
  test(`unlinked from the phone (${style}): "Logged out from your phone", Link again works and survives a restart`, async ({ page, host, sim }, testInfo) => {
    test.setTimeout(150_000);
    await watchForQr(page);
    await openApp(page, host.url);
    const c = await addAccount(page, 'Work');
    await linkByQr(c, sim);

    const device = sim.devices().find((d) => d.online)!;
    sim.unlink(device.deviceId, { style });
    await expect(chip(c)).toHaveText('Needs attention · logged out', { timeout: 30_000 });
    await expect(c).toContainText('Logged out from your phone');
    await expect(page.getByRole('banner')).toContainText('1 account: 1 needs attention');
    const again = c.getByRole('button', { name: 'Link again Work' });
    await expect(again).toBeVisible();
    await expect(c.getByRole('button', { name: 'Remove account Work' })).toBeVisible();
    await expect(c.getByRole('button', { name: 'Log out Work' })).toHaveCount(0);
    if (style === 'bridge') await snap(page, testInfo, 'logged-out');

    await again.click();
    await linkByQr(c, sim);
    await expect(c).toContainText(`+${sim.defaultPhone.number}`);
    await expectRestoredWithoutQr(page, c, host);
  });
}

test('links with a phone number: the 8-character code, then Stop, Start and Log out (which asks first)', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(150_000);
  await openApp(page, host.url);
  const c = await addAccount(page, 'Sales');
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });

  await c.getByRole('button', { name: 'Link with phone number instead' }).click();
  const phone = c.getByRole('textbox', { name: 'Phone number' });
  await expect(phone).toBeFocused();
  await phone.fill('12');
  await phone.press('Enter');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(/Type the full number with its country code/);
  await expect(phone).toHaveValue('12');
  await phone.fill(`+${sim.defaultPhone.number}`);
  await c.getByRole('button', { name: 'Get a code' }).click();

  await expect(chip(c)).toHaveText('Waiting for code', { timeout: 30_000 });
  const shown = (await c.locator('.pairing-code').textContent())!.replace(/\s/g, '');
  expect(shown).toMatch(/^[A-Z0-9]{8}$/);
  expect(sim.pendingCodes().map((p) => p.code.replace(/[^A-Z0-9]/gi, ''))).toContain(shown);
  await expect(c.locator('.code-group')).toHaveText([shown.slice(0, 4), shown.slice(4)]);
  await expect(c).toContainText(/Expires in \d+ min/);
  await expect(c).toContainText('WhatsApp › Linked devices › Link a device');
  await expect(c).toContainText('Link with phone number instead');
  await snap(page, testInfo, 'pairing-code');

  sim.enterCode(shown);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  await expect(c).toContainText(`+${sim.defaultPhone.number}`);

  // Stop keeps the session; Start restores it.
  const run = c.getByRole('button', { name: 'Stop Sales' });
  await run.click();
  await expect(chip(c)).toHaveText('Stopped', { timeout: 30_000 });
  await expect(c).toContainText('The session is kept');
  await expect(c.getByRole('button', { name: 'Start Sales' })).toBeFocused();
  await c.getByRole('button', { name: 'Start Sales' }).click();
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });

  // Log out asks first; Cancel keeps it.
  await c.getByRole('button', { name: 'Log out Sales' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log out “Sales”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(c.getByRole('button', { name: 'Log out Sales' })).toBeFocused();
  await expect(chip(c)).toHaveText('Ready');

  await c.getByRole('button', { name: 'Log out Sales' }).click();
  await dialog.getByRole('button', { name: 'Log out' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(chip(c)).toHaveText('Logged out');
  await expect(c).toContainText('Logged out from this app');
  await expect(c.getByRole('button', { name: 'Link again Sales' })).toBeVisible();
  expect(sim.devices().filter((d) => d.online)).toHaveLength(0);
});

test('several accounts: the header sums them up; removing a linked account logs it out', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(150_000);
  await openApp(page, host.url);
  const work = await addAccount(page, 'Work');
  await linkByQr(work, sim);

  const familyPhone = sim.addPhone({ number: '15550000002', pushname: 'Family Phone' });
  const family = await addAccount(page, 'Family');
  await linkByQr(family, sim, familyPhone);
  await expect(family).toContainText('Family Phone');
  sim.unlink(sim.devices(familyPhone).find((d) => d.online)!.deviceId);
  await expect(chip(family)).toHaveText('Needs attention · logged out', { timeout: 30_000 });

  const support = await addAccount(page, 'Support');
  await expect(chip(support)).toHaveText('Waiting for scan', { timeout: 30_000 });
  await expect(page.getByRole('banner')).toContainText('3 accounts: 1 ready, 1 needs attention, 1 waiting for scan');
  await page.getByLabel('Account name').blur();
  await snap(page, testInfo, 'summary');

  await (await card(page, 'Work')).getByRole('button', { name: 'Remove Work' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Work”?' });
  await expect(dialog).toContainText('also logged out on the phone');
  await dialog.getByRole('button', { name: 'Remove account' }).click();
  await expect(accountEntry(page, 'Work')).toHaveCount(0, { timeout: 30_000 });
  expect(sim.devices(sim.defaultPhone).filter((d) => d.online)).toHaveLength(0);
  await expect(page.getByRole('banner')).toContainText('2 accounts: 1 needs attention, 1 waiting for scan');
});

test.describe('with short-lived QRs', () => {
  test.use({
    engine: { qrLimit: 2, qrFirstTtlMs: 3000, qrLaterTtlMs: 2000 },
    simOptions: { ...E2E_SIM, firstRefMs: 3000, laterRefMs: 2000 },
  });

  test('pauses after 2 unscanned QRs; "Show a new QR" brings a fresh one that links', async ({ page, host, sim }, testInfo) => {
    test.setTimeout(120_000);
    const issued: string[] = [];
    sim.on('qr', (e: { qr: string }) => issued.push(e.qr));
    await openApp(page, host.url);
    const c = await addAccount(page, 'Work');
    await expect(c).toContainText('QR 1 of 2', { timeout: 30_000 });
    await expect(c).toContainText('QR 2 of 2', { timeout: 15_000 });
    await expect(c).toContainText('Paused after 2 QR codes were not scanned', { timeout: 15_000 });
    await expect(chip(c)).toHaveText('Linking paused');
    await expect(c.getByRole('img')).toHaveCount(0);
    await expect(page.getByRole('banner')).toContainText('1 account: 1 paused');
    await snap(page, testInfo, 'paused');

    const before = issued.length;
    await c.getByRole('button', { name: 'Show a new QR' }).click();
    await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
    await expect(c).toContainText('QR 1 of 2');
    const qr = await qrOnScreen(c, sim);
    expect(issued.slice(0, before)).not.toContain(qr);
    sim.scan(qr);
    await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  });
});

test('a dropped connection shows Reconnecting, a conflict shows Needs attention with Retry, and Retry restores', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(120_000);
  await watchForQr(page);
  await openApp(page, host.url);
  const c = await addAccount(page, 'Work');
  await linkByQr(c, sim);
  const device = sim.devices().find((d) => d.online)!;
  await page.evaluate(() => (window.__qrSeen = 0));

  sim.pushState(device.deviceId, 'TIMEOUT');
  await expect(chip(c)).toHaveText('Reconnecting · waiting for the connection', { timeout: 30_000 });
  await expect(c).toContainText('The connection to WhatsApp was lost');
  await expect(page.getByRole('banner')).toContainText('1 account: 1 reconnecting');
  await snap(page, testInfo, 'reconnecting');
  sim.pushState(device.deviceId, 'CONNECTED');
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });

  sim.pushState(device.deviceId, 'CONFLICT');
  await expect(chip(c)).toHaveText('Needs attention · failed', { timeout: 30_000 });
  await expect(c).toContainText('opened for this account somewhere else');
  await expect(c).toContainText('Error code: CONFLICT');
  await expect(page.getByRole('alert').filter({ hasText: 'Work: Needs attention' })).toBeVisible();
  await snap(page, testInfo, 'failed');
  await c.getByRole('button', { name: 'Retry Work' }).click();
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  expect(await page.evaluate(() => window.__qrSeen), 'a retry of a linked account restores it: no QR').toBe(0);
});
