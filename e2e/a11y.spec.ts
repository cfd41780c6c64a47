// Accessibility of every screen, in the light and in the dark theme (the app follows the OS's
// prefers-color-scheme): axe-core must find no violation, colour contrast included. Each check attaches
// its screenshot, so both themes can be looked at after a UI change.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { S3RVER_KEY, S3RVER_SECRET, startS3rver } from '../main/backup/testing/s3rverServer';
import { freePort } from '../main/api/testing/freePort';
import { expect, test } from './fixtures';
import type { SimServer } from './sim/SimServer';
import { accountEntry, backupArea, card, chip, expectNoAxeViolations, fillS3Form, openApp, openSettings, snap } from './ui';

/** An account's detail pane in Portuguese (card() finds it by English-independent parts: its label). */
async function cardIn(page: Page, label: string): Promise<Locator> {
  await page.getByRole('listbox', { name: 'Contas' }).getByRole('option').filter({ hasText: label }).click();
  return page.getByRole('region', { name: label, exact: true });
}


/** The state chip of an account's line in the list (whichever account the detail pane shows). */
const listChip = (page: Page, label: string) => chip(accountEntry(page, label));

async function addAccount(page: Page, label: string): Promise<Locator> {
  await page.getByLabel('Account name', { exact: true }).fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const c = await card(page, label);
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  return c;
}

/** Adds an account and links it with a phone of its own; answers the card and the linked device's id. */
async function linkedAccount(page: Page, sim: SimServer, label: string, number: string): Promise<{ c: Locator; deviceId: string }> {
  const phone = sim.addPhone({ number, pushname: `${label} phone` });
  const c = await addAccount(page, label);
  await expect.poll(() => sim.pendingQrs().length, { timeout: 30_000 }).toBe(1);
  const { deviceId } = sim.scan(sim.pendingQrs()[0]!.qr, phone);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  return { c, deviceId };
}


for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    /** The screen as it is now: its screenshot attached, then axe-core's verdict. */
    async function check(page: Page, testInfo: TestInfo, name: string): Promise<void> {
      await snap(page, testInfo, `${scheme}-${name}`);
      await expectNoAxeViolations(page, `${name} (${scheme})`);
    }

    test('the empty app, the page without its token, a wrong account name', async ({ page, host }, testInfo) => {
      await page.goto(host.origin);
      await expect(page.getByRole('alert')).toBeVisible();
      await check(page, testInfo, 'no-token');

      await openApp(page, host.url);
      await expect(page.getByText('No accounts yet.')).toBeVisible();
      await page.getByRole('contentinfo').getByText('Versions', { exact: true }).click();
      await check(page, testInfo, 'empty');

      const input = page.getByLabel('Account name', { exact: true });
      await input.fill('   ');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await check(page, testInfo, 'add-error');
    });

    test('accounts in mixed states, their notices and history, rename and remove', async ({ page, host, sim }, testInfo) => {
      test.setTimeout(300_000);
      await openApp(page, host.url);
      await linkedAccount(page, sim, 'Ready', '15550000011');
      const reconnecting = await linkedAccount(page, sim, 'Reconnecting', '15550000012');
      const failed = await linkedAccount(page, sim, 'Failed', '15550000013');
      const dropped = await linkedAccount(page, sim, 'Dropped', '15550000014');
      await linkedAccount(page, sim, 'Logged out here', '15550000015');

      sim.pushState(reconnecting.deviceId, 'TIMEOUT');
      await expect(listChip(page, 'Reconnecting')).toHaveText('Reconnecting · waiting for the connection', { timeout: 30_000 });
      sim.pushState(failed.deviceId, 'CONFLICT');
      await expect(listChip(page, 'Failed')).toHaveText('Needs attention · failed', { timeout: 30_000 });
      sim.unlink(dropped.deviceId);
      await expect(listChip(page, 'Dropped')).toHaveText('Needs attention · logged out', { timeout: 30_000 });
      await (await card(page, 'Logged out here')).getByRole('button', { name: 'Log out Logged out here' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Log out', exact: true }).click();
      await expect(listChip(page, 'Logged out here')).toHaveText('Logged out', { timeout: 30_000 });

      await addAccount(page, 'Waiting for its QR');
      const pairing = sim.addPhone({ number: '15550000016', pushname: 'Pairing phone' });
      const code = await addAccount(page, 'Pairing');
      await code.getByRole('button', { name: 'Link with phone number instead' }).click();
      await code.getByRole('textbox', { name: 'Phone number' }).fill(`+${pairing.number}`);
      await code.getByRole('button', { name: 'Get a code' }).click();
      await expect(chip(code)).toHaveText('Waiting for code', { timeout: 30_000 });
      await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Dropped');
      await page.getByLabel('Account name', { exact: true }).blur();
      await check(page, testInfo, 'pairing-code');

      // Each state in the detail pane, with the list and the notices beside it.
      for (const [label, name] of [
        ['Waiting for its QR', 'qr'],
        ['Ready', 'ready'],
        ['Reconnecting', 'reconnecting'],
        ['Failed', 'failed'],
        ['Logged out here', 'logged-out'],
      ] as const) {
        await expect(chip(await card(page, label))).toBeVisible();
        await check(page, testInfo, name);
      }
      const droppedCard = await card(page, 'Dropped');
      await droppedCard.getByRole('button', { name: /Details and history/ }).click();
      await expect(droppedCard.getByRole('list', { name: /^History of/ })).toContainText('Logged out');
      await check(page, testInfo, 'needs-attention-and-history');

      // Keyboard focus on a card's button: the focus ring must be visible in both themes.
      const ready = await card(page, 'Ready');
      await ready.getByRole('button', { name: 'Rename Ready' }).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(ready.getByRole('button', { name: 'Rename Ready' })).toBeFocused();
      await check(page, testInfo, 'focus-ring');

      await page.getByRole('button', { name: 'Rename Ready' }).click();
      const rename = page.getByRole('textbox', { name: 'New name for Ready' });
      await rename.fill('');
      await page.keyboard.press('Enter');
      await expect(rename).toHaveAttribute('aria-invalid', 'true');
      await check(page, testInfo, 'rename-error');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Remove Ready' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, testInfo, 'remove-dialog');
    });

    test('the store form with an error', async ({ page, host }, testInfo) => {
      await openApp(page, host.url);
      const backup = backupArea(page);
      await backup.getByRole('button', { name: 'Add a store' }).click();
      await backup.getByLabel('Kind', { exact: true }).selectOption({ label: 'PostgreSQL' });
      await backup.getByRole('button', { name: 'Save store' }).click();
      await expect(backup.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await check(page, testInfo, 'store-form-error');
    });

    test('the restore dialog, with no store and with a store that holds a backup; import from a file', async ({ page, host, sim }, testInfo) => {
      test.setTimeout(120_000);
      const s3 = await startS3rver();
      try {
        await openApp(page, host.url);
        const backup = backupArea(page);
        await backup.getByRole('button', { name: 'Restore from backup…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
        await expect(dialog).toContainText('Add the store that holds the backups first');
        await check(page, testInfo, 'restore-no-store');
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();

        const form = await fillS3Form(page, s3, { key: S3RVER_KEY, secret: S3RVER_SECRET });
        await form.getByRole('button', { name: 'Test connection' }).click();
        await expect(form.getByRole('status')).toHaveText(/^Connected in \d+ ms$/, { timeout: 15_000 });
        await check(page, testInfo, 'store-form-connected');
        await form.getByRole('button', { name: 'Save store' }).click();
        await expect(backup.getByRole('list', { name: 'Stores' })).toContainText('Office S3');

        const { c } = await linkedAccount(page, sim, 'Work', '15550000021');
        const cardBackup = c.getByRole('region', { name: 'Backup of Work' });
        await cardBackup.getByRole('switch', { name: 'Back up Work' }).click();
        await cardBackup.getByRole('button', { name: 'Back up now Work' }).click();
        await expect(cardBackup.locator('.backup-last')).toBeVisible({ timeout: 60_000 });
        await check(page, testInfo, 'card-backup-and-stores');

        await backup.getByRole('button', { name: 'Restore from backup…' }).click();
        await expect(dialog.getByRole('radio', { name: /^Work/ })).toBeVisible({ timeout: 15_000 });
        await check(page, testInfo, 'restore-with-backup');
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();

        await backup.getByRole('button', { name: 'Import from a file…' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await check(page, testInfo, 'import-file');
      } finally {
        await s3.stop();
      }
    });

    test('the passphrase panel and its form with an error', async ({ page, host }, testInfo) => {
      await openApp(page, host.url);
      const area = backupArea(page);
      await expect(area).toContainText('No recovery passphrase yet');
      await check(page, testInfo, 'passphrase-panel');
      await area.getByRole('button', { name: 'Set a passphrase' }).click();
      await area.getByLabel('New recovery passphrase', { exact: true }).fill('correct horse battery staple');
      await area.getByLabel('Type it again', { exact: true }).fill('correct horse battery stapler');
      await area.getByRole('button', { name: 'Save passphrase' }).click();
      await expect(area.getByLabel('Type it again', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await check(page, testInfo, 'passphrase-form-error');
    });

    test('the local API area: on, a key and a webhook shown once, their lists', async ({ page, host, sim }, testInfo) => {
      test.setTimeout(120_000);
      await openApp(page, host.url);
      await linkedAccount(page, sim, 'Work', '15550000031');
      await openSettings(page);
      const area = page.getByRole('region', { name: 'Local API' });
      await check(page, testInfo, 'api-off');
      await area.getByLabel('Port', { exact: true }).fill(String(await freePort()));
      await area.getByRole('button', { name: 'Save API settings' }).click();
      await area.getByRole('switch', { name: 'Turn on the local API' }).click();
      await expect(area.getByText(/^Listening at /)).toBeVisible();

      await area.getByLabel('Key name').fill('my script');
      await area.getByRole('button', { name: 'Create key' }).click();
      await expect(area.getByLabel('New API key value')).toHaveText(/^wak_/);
      await check(page, testInfo, 'api-key-once');
      await area.getByRole('group', { name: 'New API key' }).getByRole('button', { name: 'Done' }).click();

      const form = area.getByRole('form', { name: 'Add a webhook' });
      await form.getByLabel('Account', { exact: true }).selectOption({ label: 'Work' });
      await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${await freePort()}/hook`);
      await form.getByRole('button', { name: 'Add webhook' }).click();
      await expect(area.getByLabel('Signing secret value')).toHaveText(/^whsec_/);
      await check(page, testInfo, 'api-secret-once');
      await area.getByRole('group', { name: 'Signing secret' }).getByRole('button', { name: 'Done' }).click();
      await expect(area.getByRole('list', { name: 'Webhooks' })).toBeVisible();
      await expect(area.getByRole('list', { name: 'API keys' })).toContainText('my script');
      await check(page, testInfo, 'api-lists');
    });

    test('the Settings screen, a browser path refused, and the app in Portuguese', async ({ page, host }, testInfo) => {
      await openApp(page, host.url);
      const screen = await openSettings(page);
      await check(page, testInfo, 'settings');
      const area = screen.getByRole('region', { name: 'Browser', exact: true });
      await area.getByRole('radio', { name: 'Another program' }).check();
      await area.getByLabel('Path of the browser program').fill('/nonexistent/chrome');
      await area.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(area.getByRole('alert')).toHaveText('There is no file at /nonexistent/chrome.');
      await check(page, testInfo, 'settings-browser-error');
      await screen.getByLabel('Language', { exact: true }).selectOption({ label: 'Português (Brasil)' });
      await expect(page.getByRole('heading', { name: 'Configurações', exact: true })).toBeVisible();
      await check(page, testInfo, 'settings-pt-BR');
      await page.getByRole('navigation', { name: 'Telas' }).getByRole('button', { name: 'Contas' }).click();
      await page.getByLabel('Nome da conta', { exact: true }).fill('Loja');
      await page.getByRole('button', { name: 'Adicionar', exact: true }).click();
      await expect(chip(await cardIn(page, 'Loja'))).toHaveText('Aguardando leitura', { timeout: 30_000 });
      await check(page, testInfo, 'accounts-pt-BR');
    });

    test('the banner when the connection to the app is lost', async ({ page, host }, testInfo) => {
      await openApp(page, host.url);
      await host.stop();
      await page.getByLabel('Account name', { exact: true }).fill('Offline');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' })).toBeVisible();
      await check(page, testInfo, 'connection-lost');
    });
  });
}
