// Backup and restore through the UI, against a real S3 server (s3rver) on loopback: add a store (Test
// connection says Connected), link an account, switch its backup on, Back up now, see "Last backup"; set a
// recovery passphrase; a store that goes down shows "Backups are failing" on the card. Then the first host
// quits (releasing its lease), a fresh host on a new data folder adds the same store and restores the account
// with the passphrase: it turns Ready with its number and no QR is ever shown. With both hosts running,
// the second shows "Open on another computer" and Take over; the first then says it was taken over.
// Screenshots are attached (look at them after a UI change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { S3RVER_KEY, S3RVER_SECRET, startS3rver, type RunningS3rver } from '../main/backup/testing/s3rverServer';
import { expect, test } from './fixtures';
import { WebHostProcess } from './hostProcess';
import type { SimServer } from './sim/SimServer';
import { backupArea, card, chip, fillS3Form, openApp, snap, watchForQr } from './ui';

const PASSPHRASE = 'correct horse battery staple';



async function addS3Store(page: Page, s3: RunningS3rver, testInfo?: TestInfo): Promise<void> {
  const form = await fillS3Form(page, s3, { key: S3RVER_KEY, secret: S3RVER_SECRET });
  await expect(form.getByRole('checkbox', { name: 'Path-style addressing' })).toBeChecked();
  if (testInfo) await snap(page, testInfo, '1-store-form');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Connected in \d+ ms$/, { timeout: 15_000 });
  if (testInfo) await snap(page, testInfo, '2-test-result');
  await form.getByRole('button', { name: 'Save store' }).click();
  const stores = backupArea(page).getByRole('list', { name: 'Stores' });
  await expect(stores).toContainText('Office S3');
  await expect(stores).toContainText('secret stored');
}

async function linkNewAccount(page: Page, sim: SimServer, label: string): Promise<Locator> {
  await page.getByLabel('Account name', { exact: true }).fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const c = await card(page, label);
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  await expect.poll(() => sim.pendingQrs().length, { timeout: 30_000 }).toBeGreaterThan(0);
  sim.scan(sim.pendingQrs()[0]!.qr);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  return c;
}

test('back up to S3 through the UI, then restore on a fresh data folder: Ready with no QR', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(240_000);
  let s3 = await startS3rver();
  let second: WebHostProcess | undefined;
  const secondDir = mkdtempSync(join(tmpdir(), 'wa-e2e-restore-'));
  try {
    await openApp(page, host.url);
    await addS3Store(page, s3, testInfo);

    const c = await linkNewAccount(page, sim, 'Work');
    const backup = c.getByRole('region', { name: 'Backup of Work' });
    await expect(backup.getByLabel('Store', { exact: true })).toHaveValue(/^st-/);
    await expect(backup.getByRole('checkbox', { name: 'Encrypt' })).toBeChecked();
    await backup.getByRole('switch', { name: 'Back up Work' }).click();
    await expect(backup.getByRole('switch', { name: 'Back up Work' })).toBeChecked();
    await expect(backup).toContainText('No backup yet. The first one runs in');

    await backup.getByRole('button', { name: 'Back up now Work' }).click();
    await expect(backup.locator('.backup-last')).toHaveText(/^Last backup (just now|\d+ s ago) · [\d.]+ (KB|MB) · took /, { timeout: 60_000 });
    await expect(backup).toContainText('Next backup in');
    await snap(page, testInfo, '3-card-backup-on');

    // The recovery passphrase: set it (main backs the account up again with it).
    const area = backupArea(page);
    await expect(area).toContainText('No recovery passphrase yet');
    await area.getByRole('button', { name: 'Set a passphrase' }).click();
    await area.getByLabel('New recovery passphrase', { exact: true }).fill('short');
    await area.getByLabel('Type it again', { exact: true }).fill('short');
    await area.getByRole('button', { name: 'Save passphrase' }).click();
    await expect(area.getByLabel('New recovery passphrase', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await area.getByLabel('New recovery passphrase', { exact: true }).fill(PASSPHRASE);
    await area.getByLabel('Type it again', { exact: true }).fill(PASSPHRASE);
    await area.getByRole('button', { name: 'Save passphrase' }).click();
    await expect(area).toContainText('A recovery passphrase is set.', { timeout: 60_000 });

    // The store goes down: Back up now fails, and the card says since when, why and when it tries again.
    await s3.crash();
    await backup.getByRole('button', { name: 'Back up now Work' }).click();
    await expect(backup).toContainText('Backups are failing', { timeout: 30_000 });
    await expect(backup).toContainText(/Failing since .* \((just now|\d+ s ago)\)/);
    await expect(backup).toContainText(/Last good backup (just now|\d+ s ago) · /);
    await expect(chip(c)).toHaveText('Ready'); // the account itself is not disturbed
    await snap(page, testInfo, '4-failing-backup');
    s3 = await startS3rver(s3.bucket, { directory: s3.directory, port: s3.port });
    await backup.getByRole('button', { name: 'Back up now Work' }).click();
    await expect(backup).not.toContainText('Backups are failing', { timeout: 30_000 });
    await expect(backup.locator('.backup-last')).toBeVisible();

    // Quit the first computer: a last backup, and its lease on the account is released.
    await host.stop();

    second = new WebHostProcess(secondDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify({ qrFirstTtlMs: 20_000, qrLaterTtlMs: 10_000, extraChromiumArgs: sim.chromiumArgs() }) });
    await second.start();
    await watchForQr(page);
    await openApp(page, second.url);
    await expect(page.getByText('No accounts yet.')).toBeVisible();
    await addS3Store(page, s3);

    await backupArea(page).getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    await expect(dialog.getByLabel('Store', { exact: true })).toHaveValue(/^st-/);
    const choice = dialog.getByRole('radio', { name: /^Work/ });
    await expect(choice).toBeChecked({ timeout: 15_000 });
    await expect(dialog).toContainText(`Number ending in ${sim.defaultPhone.number.slice(-3)}`);
    await expect(dialog).toContainText('encrypted');
    await dialog.getByRole('button', { name: 'Restore “Work”' }).click();
    // Made on the other computer: its key is not here, the passphrase is asked for next to its field.
    const pass = dialog.getByLabel('Recovery passphrase', { exact: true });
    await expect(pass).toHaveAttribute('aria-invalid', 'true', { timeout: 30_000 });
    await expect(dialog).toContainText('made on another computer');
    await pass.fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Restore “Work”' }).click();
    await expect(dialog.locator('.field-error')).toBeVisible({ timeout: 30_000 });
    await pass.fill(PASSPHRASE);
    await snap(page, testInfo, '5-restore-dialog');
    await dialog.getByRole('button', { name: 'Restore “Work”' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });

    const restored = await card(page, 'Work');
    await expect(chip(restored)).toHaveText('Ready', { timeout: 60_000 });
    await expect(restored).toContainText(`+${sim.defaultPhone.number}`);
    await expect(restored.getByRole('switch', { name: 'Back up Work' })).toBeChecked();
    expect(await page.evaluate(() => window.__qrSeen), 'no QR was shown on the new computer').toBe(0);
    await snap(page, testInfo, '6-restored-ready');

    // Restoring again over the account that is now here asks first.
    await backupArea(page).getByRole('button', { name: 'Restore from backup…' }).click();
    await expect(dialog.getByRole('radio', { name: /^Work/ })).toBeChecked({ timeout: 15_000 });
    await expect(dialog).toContainText('Already on this computer');
    await dialog.getByRole('button', { name: 'Restore “Work”' }).click();
    await expect(dialog.getByRole('button', { name: 'Replace it' })).toBeVisible({ timeout: 15_000 });
    await snap(page, testInfo, '7-restore-confirm-replace');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(chip(restored)).toHaveText('Ready');
  } finally {
    await second?.stop();
    rmSync(secondDir, { recursive: true, force: true });
    await s3.stop();
  }
});

// s3rver checks the access key id but not the V4 signature (see S3Store.int.test.ts), so the wrong
// credential here is the key id; on real S3 a wrong secret key is refused the same way.
test('store form: wrong credentials are reported by Test connection; a missing bucket next to its field', async ({ page, host }, testInfo) => {
  const s3 = await startS3rver();
  try {
    await openApp(page, host.url);
    const form = await fillS3Form(page, s3, { key: 'NOT-A-KEY', secret: 'not-the-secret' });
    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByRole('status');
    await expect(result).toContainText('Connection failed:', { timeout: 15_000 });
    await expect(result).toContainText(/access key|credentials|refused/i);
    await expect(result).not.toContainText('Connected');
    await snap(page, testInfo, '8-test-wrong-secret');

    await form.getByLabel('Bucket', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save store' }).click();
    await expect(form.getByLabel('Bucket', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('The bucket is required');
    await snap(page, testInfo, '9-store-field-error');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(backupArea(page)).toContainText('No stores yet');
  } finally {
    await s3.stop();
  }
});

test('one account on two computers: the second shows "Open on another computer" and takes it over; the first then says so', async ({ page, host, sim, browser }, testInfo) => {
  test.setTimeout(240_000);
  const s3 = await startS3rver();
  const secondDir = mkdtempSync(join(tmpdir(), 'wa-e2e-lease-'));
  const second = new WebHostProcess(secondDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify({ extraChromiumArgs: sim.chromiumArgs() }) });
  const other = await browser.newPage();
  try {
    await openApp(page, host.url);
    await addS3Store(page, s3);
    const c = await linkNewAccount(page, sim, 'Work');
    const backup = c.getByRole('region', { name: 'Backup of Work' });
    await backup.getByRole('switch', { name: 'Back up Work' }).click();
    await backup.getByRole('button', { name: 'Back up now Work' }).click();
    await expect(backup.locator('.backup-last')).toBeVisible({ timeout: 60_000 });
    const area = backupArea(page);
    await area.getByRole('button', { name: 'Set a passphrase' }).click();
    await area.getByLabel('New recovery passphrase', { exact: true }).fill(PASSPHRASE);
    await area.getByLabel('Type it again', { exact: true }).fill(PASSPHRASE);
    await area.getByRole('button', { name: 'Save passphrase' }).click();
    await expect(area).toContainText('A recovery passphrase is set.', { timeout: 60_000 });

    // The second computer, while the first still runs the account (and holds its lease).
    await second.start();
    await openApp(other, second.url);
    await addS3Store(other, s3);
    await backupArea(other).getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = other.getByRole('dialog', { name: 'Restore from backup' });
    await expect(dialog.getByRole('radio', { name: /^Work/ })).toBeChecked({ timeout: 15_000 });
    await dialog.getByLabel('Recovery passphrase', { exact: true }).fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Restore “Work”' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });

    const there = await card(other, 'Work');
    await expect(chip(there)).toHaveText('Needs attention · open elsewhere', { timeout: 30_000 });
    await expect(there).toContainText('Open on another computer');
    await expect(there).toContainText('This account is open on another computer');
    await snap(other, testInfo, '10-lease-held');
    await there.getByRole('button', { name: 'Take over Work' }).click();
    await expect(chip(there)).toHaveText('Ready', { timeout: 60_000 });

    // The first computer's heartbeat finds the lease gone (a third of the lease's 90 s at most).
    await expect(chip(c)).toHaveText('Needs attention · open elsewhere', { timeout: 60_000 });
    await expect(c).toContainText('Another computer took this account over');
    await expect(c.getByRole('button', { name: 'Take over Work' })).toBeVisible();
    await snap(page, testInfo, '11-lease-lost');
  } finally {
    await other.close();
    await second.stop();
    rmSync(secondDir, { recursive: true, force: true });
    await s3.stop();
  }
});
