// A full-page screenshot of every screen, attached to the report, at a wide and at the smallest
// supported window size (800x600). Look at them after a UI change.
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.mouse.move(0, 0); // no stray hover state
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const size of [
  { name: 'wide', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
]) {
  test.describe(`screens at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every screen', async ({ page, host }, testInfo) => {
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

      await page.getByRole('button', { name: 'Rename Family phone' }).click();
      await page.getByRole('textbox', { name: 'New name for Family phone' }).fill('Family');
      await snap(page, testInfo, '4-rename');
      await page.getByRole('textbox', { name: 'New name for Family phone' }).fill('');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('textbox', { name: 'New name for Family phone' })).toHaveAttribute('aria-invalid', 'true');
      await snap(page, testInfo, '5-rename-error');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Remove Work' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await snap(page, testInfo, '6-remove-dialog');
      await page.keyboard.press('Escape');

      await host.stop();
      await input.fill('Offline');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' })).toBeVisible();
      await snap(page, testInfo, '7-connection-lost');
    });
  });
}
