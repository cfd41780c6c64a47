// "Check for updates" in the About area. In browser mode the app never replaces itself: the check answers
// in a plain sentence, and no code-signing notice is shown (browser mode is no build of its own). The
// desktop answers (development, unsigned, no update server) are checked in main/electron/main.test.ts.
import { expect, test } from './fixtures';
import { openApp, snap } from './ui';

test('Check for updates in browser mode says plainly that the app does not update itself', async ({ page, host }, testInfo) => {
  await openApp(page, host.url);
  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText('browser mode');
  await expect(footer).not.toContainText('code-signed');
  await page.getByRole('button', { name: 'Check for updates' }).click();
  const status = page.getByRole('status').filter({ hasText: 'In browser mode the app does not update itself' });
  await expect(status).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check for updates' })).toBeEnabled();
  await status.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'update-check-browser-mode');
});
