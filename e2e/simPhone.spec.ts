// The simulator's phone page, as a person uses it: a stock whatsapp-web.js client waits with a QR,
// the page shows that QR, one click on Scan links it, and the client becomes ready.
import { expect, test } from '@playwright/test';
import { ClientHarness, TEST_TIMINGS } from './sim/clientHarness';
import { SimServer } from './sim/SimServer';

test('the phone page shows the waiting QR and links the device with one click', async ({ page }) => {
  test.setTimeout(90_000);
  const sim = new SimServer({ ...TEST_TIMINGS, firstRefMs: 60_000 });
  await sim.start();
  const harness = new ClientHarness(sim);
  try {
    const { client, log } = harness.create(await harness.tempDir());
    await client.initialize();
    const qr = String((await log.waitFor('qr')).args[0]);
    const [pending] = sim.pendingQrs();
    expect(pending?.qr).toBe(qr);

    await page.goto(sim.phoneUrl);
    const card = page.getByTestId('qr');
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-device-key', pending?.deviceKey ?? '');
    await expect(card.locator('svg')).toBeVisible();
    await expect(page.getByText('No linked device.')).toBeVisible();

    await card.getByRole('button', { name: 'Scan' }).click();
    const device = page.getByTestId('device');
    await expect(device).toHaveCount(1);
    await expect(page.getByTestId('qr')).toHaveCount(0);
    await log.waitFor('ready', 20_000);
    await expect(device).toContainText('online');
    await expect(device).toContainText('CONNECTED');
    expect(client.info.wid.user).toBe(sim.defaultPhone.number);
  } finally {
    await harness.cleanup();
    await sim.stop();
  }
});
