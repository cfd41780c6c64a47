// Two windows on the same web host stay current without a reload: a store added, edited or removed and
// the recovery passphrase set in one window show in the other (main's stores.changed and backup.changed
// events, bound in renderer/stores/bindings.ts), as accounts always did (accounts.changed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { addFolderStore, backupArea, openApp, snap } from './ui';

test('a store and the recovery passphrase set in one window show in another without a reload', async ({ page, browser, host }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'two browser windows on one web host');
  const folder = mkdtempSync(join(tmpdir(), 'wa-e2e-windows-'));
  const other = await browser.newPage();
  try {
    await openApp(page, host.url);
    await openApp(other, host.url);
    let reloads = 0;
    other.on('load', () => (reloads += 1));
    await expect(backupArea(other)).toContainText('No stores yet.');
    await expect(backupArea(other)).toContainText('No recovery passphrase yet');

    // Added in the first window.
    await addFolderStore(page, 'USB drive', folder);
    const otherStores = backupArea(other).getByRole('list', { name: 'Stores' });
    await expect(otherStores).toContainText('USB drive');
    await expect(otherStores).toContainText(`Folder ${folder}`);

    // Edited in the first window.
    await backupArea(page).getByRole('button', { name: 'Edit USB drive' }).click();
    const edit = page.getByRole('form', { name: 'Edit “USB drive”' });
    await edit.getByLabel('Name', { exact: true }).fill('Office share');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(otherStores).toContainText('Office share');
    await expect(otherStores).not.toContainText('USB drive');

    // The passphrase, set in the first window.
    const area = backupArea(page);
    await area.getByRole('button', { name: 'Set a passphrase' }).click();
    await area.getByLabel('New recovery passphrase', { exact: true }).fill('correct horse battery staple');
    await area.getByLabel('Type it again', { exact: true }).fill('correct horse battery staple');
    await area.getByRole('button', { name: 'Save passphrase' }).click();
    await expect(backupArea(other)).toContainText('A recovery passphrase is set.', { timeout: 30_000 });
    await snap(other, testInfo, 'other-window-after-edits');

    // Removed in the first window.
    await backupArea(page).getByRole('button', { name: 'Remove Office share' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove store' }).click();
    await expect(backupArea(other)).toContainText('No stores yet.');
    expect(reloads).toBe(0);
  } finally {
    await other.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
