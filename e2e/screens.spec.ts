// A full-page screenshot of every screen, attached to the report, at a wide and at the smallest
// supported window size (800x600). Look at them after a UI change.
import { expect, test } from './fixtures';
import { accountList, card, snap } from './ui';

for (const size of [
  { name: 'wide', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
]) {
  test.describe(`screens at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every screen', async ({ page, host, sim }, testInfo) => {
      test.setTimeout(120_000);
      await page.goto(host.origin);
      await expect(page.getByRole('alert')).toBeVisible();
      await snap(page, testInfo, '0-no-token');

      await page.goto(host.url);
      await expect(page.getByText('No accounts yet.')).toBeVisible();
      await expect(page.getByRole('contentinfo')).toContainText('Data folder');
      await snap(page, testInfo, '1-empty');

      const input = page.getByLabel('Account name');
      await input.fill('   ');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await snap(page, testInfo, '2-add-error');

      for (const label of ['Work', 'Family phone', 'Customer support, weekend shift, second number, Lisbon office', '<img src=x onerror=alert(1)>']) {
        await input.fill(label);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await expect(page.getByRole('heading', { name: label, exact: true })).toBeVisible();
      }
      await input.blur();
      await snap(page, testInfo, '3-list');

      await (await card(page, 'Family phone')).getByRole('button', { name: 'Rename Family phone' }).click();
      await page.getByRole('textbox', { name: 'New name for Family phone' }).fill('Family');
      await snap(page, testInfo, '4-rename');
      await page.getByRole('textbox', { name: 'New name for Family phone' }).fill('');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('textbox', { name: 'New name for Family phone' })).toHaveAttribute('aria-invalid', 'true');
      await snap(page, testInfo, '5-rename-error');
      await page.keyboard.press('Escape');

      await (await card(page, 'Work')).getByRole('button', { name: 'Remove Work' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await snap(page, testInfo, '6-remove-dialog');
      await page.keyboard.press('Escape');

      // The Backup area: a store form with an error next to its field, and Restore with no store yet.
      const backup = page.getByRole('region', { name: 'Backup', exact: true });
      await backup.getByRole('button', { name: 'Add a store' }).click();
      await backup.getByLabel('Kind', { exact: true }).selectOption({ label: 'PostgreSQL' });
      await backup.getByRole('button', { name: 'Save store' }).click();
      await expect(backup.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await snap(page, testInfo, '6e-store-form-error');
      await backup.getByRole('button', { name: 'Cancel' }).click();
      await backup.getByRole('button', { name: 'Restore from backup…' }).click();
      await expect(page.getByRole('dialog', { name: 'Restore from backup' })).toContainText('Add the store that holds the backups first');
      await snap(page, testInfo, '6f-restore-no-store');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      // Linking with a phone number: a wrong number is explained next to the field.
      const work = await card(page, 'Work');
      await expect(work.locator('.chip-text')).toHaveText('Waiting for scan', { timeout: 30_000 });
      await work.getByRole('button', { name: 'Link with phone number instead' }).click();
      await work.getByRole('textbox', { name: 'Phone number' }).fill('12');
      await work.getByRole('button', { name: 'Get a code' }).click();
      await expect(work.getByRole('textbox', { name: 'Phone number' })).toHaveAttribute('aria-invalid', 'true');
      await snap(page, testInfo, '6b-phone-number-error');

      // One account linked, then unlinked from the phone: the notice, the red card and its history.
      await expect.poll(() => sim.pendingQrs().length, { timeout: 30_000 }).toBeGreaterThan(0);
      sim.scan(sim.pendingQrs()[0]!.qr);
      await expect(page.getByRole('banner')).toContainText('1 ready', { timeout: 30_000 });
      await snap(page, testInfo, '6c-one-ready');
      sim.unlink(sim.devices().find((d) => d.online)!.deviceId);
      await expect(page.getByRole('banner')).toContainText('1 needs attention', { timeout: 30_000 });
      await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
      await accountList(page).getByRole('option').filter({ has: page.locator('.chip-text', { hasText: 'Needs attention' }) }).click();
      const dropped = page.locator('.account-detail').getByRole('region').filter({ has: page.getByRole('button', { name: /Details and history/ }) });
      await dropped.getByRole('button', { name: /Details and history/ }).click();
      await expect(dropped.getByRole('list', { name: /^History of/ })).toContainText('Logged out');
      await snap(page, testInfo, '6d-needs-attention-and-history');

      await host.stop();
      await input.fill('Offline');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' })).toBeVisible();
      await snap(page, testInfo, '7-connection-lost');
    });
  });
}
