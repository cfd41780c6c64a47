// An account that drops must not go unnoticed (docs/user-needs.md, "A dropped account goes unnoticed"): besides the OS notification the
// Electron shell shows, the window itself shows a notice that names the account, is announced as an
// alert, leads to the account and can be dismissed.
import { expect, test } from './fixtures';
import { card } from './ui';

test('after the phone unlinks an account, a notice names it, leads to it and can be dismissed', async ({ page, host, sim }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByLabel('Account name').fill('Work phone');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const c = await card(page, 'Work phone');
  await expect(c.locator('.chip-text')).toHaveText('Waiting for scan', { timeout: 30_000 });
  await expect.poll(() => sim.pendingQrs().length).toBe(1);
  sim.scan(sim.pendingQrs()[0]!.qr);
  await expect(c.locator('.chip-text')).toHaveText('Ready', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Notifications' })).toHaveCount(0);

  sim.unlink(sim.devices().find((d) => d.online)!.deviceId, { style: 'bridge' });
  const notice = page.getByRole('alert').filter({ hasText: 'Work phone: Logged out from your phone' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('Link it again');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Work phone');

  await notice.getByRole('button', { name: 'Show account Work phone' }).click();
  await expect(page.getByRole('heading', { name: 'Work phone', exact: true })).toBeFocused();

  await notice.getByRole('button', { name: 'Dismiss notice about Work phone' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeFocused();
  // The card still says what happened and what to do.
  await expect(c.locator('.chip-text')).toHaveText('Needs attention · logged out');
  await expect(c.getByRole('button', { name: 'Link again Work phone' })).toBeVisible();
});
