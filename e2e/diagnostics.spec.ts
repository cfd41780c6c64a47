// "Export diagnostics" in the About area: in browser mode the page downloads the zip, which holds the
// logs, versions, settings and the account's history, and the host's data folder keeps a copy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../main/diagnostics/testing/readZip';
import { expect, test } from './fixtures';
import { card, openApp, snap } from './ui';

test('Export diagnostics downloads a zip of logs, versions, settings and timelines and says where the copy is', async ({ page, host }, testInfo) => {
  await openApp(page, host.url);
  await page.getByLabel('Account name').fill('Work');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(await card(page, 'Work')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wa-accounts-diagnostics-.*\.zip$/);
  const status = page.getByRole('status').filter({ hasText: 'Downloaded wa-accounts-diagnostics-' });
  await expect(status).toBeVisible();
  await expect(status).toContainText(join(host.dataDir, 'diagnostics'));
  await status.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'diagnostics-exported');

  const files = await readZip(readFileSync(await file.path()));
  expect([...files.keys()]).toEqual(expect.arrayContaining(['README.txt', 'versions.json', 'settings.json', 'timelines/account-1.json', 'logs/app.log']));
  expect(files.get('timelines/account-1.json')).toContain('"state": "added"');
  expect(existsSync(join(host.dataDir, 'diagnostics', file.suggestedFilename()))).toBe(true);
});
