// A session made by STOCK whatsapp-web.js 1.34.7 + RemoteAuth (a stock-style folder store,
// e2e/sim/FolderStore, against the simulator) comes in through the UI and turns Ready with no QR ever
// shown: from a folder store that holds `RemoteAuth-<clientId>.zip` (the restore dialog lists it under a
// valid id with its original name, and asks before importing it as an unencrypted backup), and as a
// single zip chosen from disk ("Import from a file"). Nothing is downloaded: the zip is made in the test.
// And "Export to a file" saves an encrypted file by default, or a plain RemoteAuth zip after a warning.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { RemoteAuth } from 'whatsapp-web.js';
import { expect, test } from './fixtures';
import { ClientHarness, linkNewDevice } from './sim/clientHarness';
import { FolderStore } from './sim/FolderStore';
import type { SimServer } from './sim/SimServer';
import { addFolderStore, backupArea, card, chip, openApp, snap, watchForQr } from './ui';

/** RemoteAuth's first save waits a hard-coded 60 s; shortened so the test does not wait a minute. */
class QuickRemoteAuth extends RemoteAuth {
  async delay(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300)));
  }
}

const CLIENT_ID = 'Front-Desk';

/** Stock RemoteAuth links a device and saves `<folder>/RemoteAuth-Front-Desk.zip`; the client is gone before the app uses it. */
async function stockRemoteAuthZip(sim: SimServer, folder: string): Promise<string> {
  const stock = new ClientHarness(sim);
  const dataPath = mkdtempSync(join(tmpdir(), 'wa-e2e-stock-'));
  try {
    const made = await linkNewDevice(stock, sim, dataPath, { authStrategy: new QuickRemoteAuth({ clientId: CLIENT_ID, dataPath, store: new FolderStore(folder, dataPath), backupSyncIntervalMs: 60_000 }) });
    await made.log.waitFor('remote_session_saved', 30_000);
    await stock.destroy(made.client);
  } finally {
    await stock.cleanup();
    rmSync(dataPath, { recursive: true, force: true });
  }
  return join(folder, `RemoteAuth-${CLIENT_ID}.zip`);
}

async function expectReadyWithoutQr(page: Page, label: string): Promise<void> {
  // The account's own pane says Ready.
  await expect(chip(await card(page, label))).toHaveText(/Ready/, { timeout: 60_000 });
  expect(await page.evaluate(() => window.__qrSeen ?? 0)).toBe(0);
}

test('a folder of stock RemoteAuth zips: listed under a valid id with its original name, imported as an unencrypted backup after the question, Ready with no QR', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'wa-e2e-remoteauth-'));
  try {
    await stockRemoteAuthZip(sim, folder);
    await watchForQr(page);
    await openApp(page, host.url);
    await addFolderStore(page, 'RemoteAuth folder', folder);
    await expect(backupArea(page).getByRole('list', { name: 'Stores' })).toContainText('RemoteAuth folder');

    await backupArea(page).getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    const choice = dialog.getByRole('radio', { name: /^front-desk/ });
    await expect(choice).toBeChecked({ timeout: 15_000 });
    await expect(dialog).toContainText('Named “Front-Desk” in the store; restored as front-desk');
    await expect(dialog).toContainText('not encrypted');
    await dialog.getByRole('button', { name: 'Restore “front-desk”' }).click();
    // Plain: nothing is restored before the user said what it means to them.
    const question = dialog.getByRole('alert').filter({ hasText: 'Import an unencrypted backup?' });
    await expect(question).toContainText('Anyone who could write to this store could have put it there; import only a backup you made');
    await expect(dialog.getByRole('button', { name: 'Don’t import it' })).toBeFocused();
    await snap(page, testInfo, '1-unencrypted-question');
    await expect(page.getByText('No accounts yet.')).toBeVisible();
    await question.getByRole('button', { name: 'Import an unencrypted backup' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expectReadyWithoutQr(page, 'Front-Desk');
    await snap(page, testInfo, '2-imported-ready');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a stock RemoteAuth zip chosen from disk ("Import from a file") is imported to Ready with no QR', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'wa-e2e-remoteauth-'));
  try {
    const zip = await stockRemoteAuthZip(sim, folder);
    await watchForQr(page);
    await openApp(page, host.url);
    await backupArea(page).getByRole('button', { name: 'Import from a file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from a file' });
    await dialog.getByLabel('File to import', { exact: true }).setInputFiles(zip);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const question = dialog.getByRole('alert').filter({ hasText: 'Import an unencrypted backup?' });
    await expect(question).toBeVisible({ timeout: 30_000 });
    await question.getByRole('button', { name: 'Import an unencrypted backup' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expectReadyWithoutQr(page, 'Imported Front-Desk');
    await snap(page, testInfo, '3-file-imported-ready');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Export to a file: encrypted with a passphrase by default, or a plain RemoteAuth zip after a warning; the page saves each', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await page.getByLabel('Account name', { exact: true }).fill('Work');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => sim.pendingQrs().length, { timeout: 30_000 }).toBeGreaterThan(0);
  sim.scan(sim.pendingQrs()[0]!.qr);
  const area = await card(page, 'Work');
  await expect(chip(area)).toHaveText(/Ready/, { timeout: 30_000 });

  await area.getByRole('button', { name: 'Export to a file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “Work” to a file' });
  await expect(dialog.getByRole('radio', { name: /^Encrypted with a passphrase \(recommended\)/ })).toBeChecked();
  await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await dialog.getByLabel('Passphrase again', { exact: true }).fill('correct horse battery stable');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog).toContainText('The two passphrases differ.');
  await dialog.getByLabel('Passphrase again', { exact: true }).fill('correct horse battery staple');
  const sealed = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const sealedFile = await sealed;
  expect(sealedFile.suggestedFilename()).toMatch(/^RemoteAuth-[a-z0-9_-]+\.wabackup$/);
  expect((await readFile(await sealedFile.path())).subarray(0, 8).toString()).toBe('WABACKUP');

  await dialog.getByRole('radio', { name: /^Unencrypted RemoteAuth zip/ }).click();
  await expect(dialog.getByRole('alert')).toContainText('An unencrypted export is a full login to this WhatsApp account.');
  await snap(page, testInfo, '4-export-unencrypted-warning');
  const plain = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export unencrypted' }).click();
  const plainFile = await plain;
  expect(plainFile.suggestedFilename()).toMatch(/^RemoteAuth-[a-z0-9_-]+\.zip$/);
  expect((await readFile(await plainFile.path())).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
});
