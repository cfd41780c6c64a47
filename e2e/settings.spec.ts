// The Settings screen, each setting changed through the UI and seen taking effect: the browser accounts
// start in (a wrapper that logs its launches), the language (every window at once, after a reload too),
// desktop notifications (no notification while off), the default backup interval (on a new account's
// backup), and the desktop choices reaching another window. The desktop app's own use of start at
// login and close (Electron) is covered by main/electron/main.test.ts.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { testBrowserPath } from './testBrowser';
import { addFolderStore, card, chip, linkedAccount, openAccounts, openApp, openSettings, snap } from './ui';
import enCatalogs from './catalogText';

const ALICE = '15550000002';

declare global {
  interface Window {
    /** Titles of the notifications the page showed (recorded by the init script below). */
    __notified?: string[];
  }
}

function launches(log: string): number {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

test('the browser: found ones are listed, a program that is not a browser is refused with why, and a checked one is where the next account starts', async ({ page, host }, testInfo) => {
  test.skip(process.platform === 'win32', 'the stand-in browsers are shell scripts');
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'wa-e2e-browser-'));
  try {
    const log = join(dir, 'launches.log');
    const wrapper = join(dir, 'my-chromium');
    // A browser of the user's own: it notes each start, then becomes the real one (exec keeps its pid).
    writeFileSync(wrapper, `#!/bin/sh\necho "$$" >> "${log}"\nexec "${testBrowserPath()}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const notBrowser = join(dir, 'not-a-browser');
    writeFileSync(notBrowser, '#!/bin/sh\necho "no browser here" >&2\nexit 3\n');
    chmodSync(notBrowser, 0o755);

    await openApp(page, host.url);
    const screen = await openSettings(page);
    const area = screen.getByRole('region', { name: 'Browser', exact: true });
    const inUse = area.getByTestId('browser-in-use');
    await expect(inUse).toHaveText(/^Accounts start in \/.+ \(found on this computer\)$/);
    const group = area.getByRole('group', { name: 'Browser for accounts' });
    await expect(group.getByRole('radio', { name: /^Find one automatically/ })).toBeChecked();
    // Automatic, at least the one the tests run, and "Another program".
    await expect.poll(() => group.getByRole('radio').count()).toBeGreaterThanOrEqual(3);

    await group.getByRole('radio', { name: 'Another program' }).check();
    const path = area.getByLabel('Path of the browser program');
    await path.fill('chromium');
    await area.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(area.getByRole('alert')).toHaveText(/^Type the full path, such as \/usr\/bin\/chromium/);
    await path.fill(join(dir, 'missing'));
    await area.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(area.getByRole('alert')).toHaveText(`There is no file at ${join(dir, 'missing')}.`);
    await path.fill(notBrowser);
    await area.getByRole('button', { name: 'Use this browser' }).click();
    await expect(area.getByRole('alert')).toHaveText(new RegExp(`^${notBrowser} did not start as a browser: `));
    await expect(inUse).toContainText('(found on this computer)');
    await snap(page, testInfo, 'settings-browser-refused');

    await path.fill(wrapper);
    await area.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(area.getByRole('status')).toHaveText(/^It works: (Headless)?Chrom(e|ium)\/\d+/, { timeout: 30_000 });
    await area.getByRole('button', { name: 'Use this browser' }).click();
    await expect(area.getByText('Saved. Accounts that are running keep their browser until they restart.')).toBeVisible({ timeout: 30_000 });
    await expect(inUse).toHaveText(`Accounts start in ${wrapper} (chosen by you)`);
    const checks = launches(log);
    expect(checks).toBe(2); // "Check", then the check before saving

    await openAccounts(page);
    await page.getByLabel('Account name').fill('Work');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(chip(await card(page, 'Work'))).toHaveText('Waiting for scan', { timeout: 30_000 });
    expect(launches(log)).toBe(checks + 1);

    // Kept across a reload, and back to automatic.
    await page.reload();
    await openApp(page, host.url);
    const again = (await openSettings(page)).getByRole('region', { name: 'Browser', exact: true });
    await expect(again.getByRole('radio', { name: 'Another program' })).toBeChecked();
    await expect(again.getByLabel('Path of the browser program')).toHaveValue(wrapper);
    await again.getByRole('radio', { name: /^Find one automatically/ }).check();
    await again.getByRole('button', { name: 'Use this browser' }).click();
    await expect(again.getByTestId('browser-in-use')).toContainText('(found on this computer)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every English text of the catalogs that reads differently in Portuguese (placeholders and markup aside). */
function englishOnlyTexts(): string[] {
  return enCatalogs().filter((text) => text.split(' ').length >= 3);
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

test('the language: Português (Brasil) switches every window at once, stays after a reload, and leaves no English behind', async ({ page, host, browser }, testInfo) => {
  test.setTimeout(90_000);
  const other = await browser.newPage();
  try {
    await openApp(page, host.url);
    await openApp(other, host.url);
    await page.getByLabel('Account name').fill('Trabalho');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(chip(await card(page, 'Trabalho'))).toHaveText('Waiting for scan', { timeout: 30_000 });

    const screen = await openSettings(page);
    await screen.getByLabel('Language', { exact: true }).selectOption({ label: 'Português (Brasil)' });
    await expect(page.getByRole('heading', { name: 'Configurações', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
    await expect(page.getByLabel('Idioma', { exact: true })).toHaveValue('pt-BR');
    // The other window follows without a reload.
    await expect(other.getByRole('heading', { name: 'Contas', exact: true })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'pt-BR');
    await expect(other.getByRole('listbox', { name: 'Contas' }).locator('.chip-text')).toHaveText('Aguardando leitura');
    await snap(page, testInfo, 'pt-BR-settings');
    await snap(other, testInfo, 'pt-BR-accounts');

    // Nothing on either screen is still in English.
    const english = englishOnlyTexts();
    for (const [name, text] of [['settings', await visibleText(page)], ['accounts', await visibleText(other)]] as const) {
      expect(english.filter((e) => text.includes(e)), `English left on the ${name} screen`).toEqual([]);
    }

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Contas', exact: true })).toBeVisible();
    await page.getByRole('navigation', { name: 'Telas' }).getByRole('button', { name: 'Configurações' }).click();
    await page.getByLabel('Idioma', { exact: true }).selectOption({ label: 'English' });
    await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
    await expect(other.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  } finally {
    await other.close();
  }
});

test('desktop notifications: on, a new message notifies; off in Settings, messages still count but nothing pops up', async ({ page, host, sim }) => {
  test.setTimeout(120_000);
  // What the tab's Notification API was asked to show: a headless browser has no notification area.
  await page.addInitScript(() => {
    window.__notified = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string) {
        window.__notified!.push(title);
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
  const notified = () => page.evaluate(() => window.__notified ?? []);
  await openApp(page, host.url);
  const c = await linkedAccount(page, sim, 'Shop');
  await c.getByRole('switch', { name: 'Notify me of new messages' }).check();
  await expect(c.getByRole('switch', { name: 'Notify me of new messages' })).toBeChecked();
  sim.sendToAccount({ from: ALICE, body: 'first' });
  await expect.poll(notified).toEqual(['New message on Shop']);

  const screen = await openSettings(page);
  const toggle = screen.getByRole('switch', { name: 'Desktop notifications' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await openAccounts(page);
  sim.sendToAccount({ from: ALICE, body: 'second' });
  await expect((await card(page, 'Shop')).getByTestId('unread')).toHaveText('2 unread messages');
  // Give a notification time to arrive, were it coming: the count above came through the same event hub.
  await page.waitForTimeout(1_000);
  expect(await notified()).toEqual(['New message on Shop']);

  await (await openSettings(page)).getByRole('switch', { name: 'Desktop notifications' }).click();
  await openAccounts(page);
  sim.sendToAccount({ from: ALICE, body: 'third' });
  await expect.poll(notified).toEqual(['New message on Shop', 'New message on Shop']);
});

test('the default backup interval, start at login and closing: saved, shown in another window, and a new account starts its backup from the default', async ({ page, host, browser }) => {
  test.setTimeout(90_000);
  const folder = mkdtempSync(join(tmpdir(), 'wa-e2e-settings-store-'));
  const other = await browser.newPage();
  try {
    await openApp(page, host.url);
    await openApp(other, host.url);
    const otherScreen = await openSettings(other);
    const screen = await openSettings(page);

    const backup = screen.getByRole('region', { name: 'Backup', exact: true });
    const interval = backup.getByLabel('Default backup interval (minutes)');
    await expect(interval).toHaveValue('15');
    await interval.fill('0');
    await backup.getByRole('button', { name: 'Save interval' }).click();
    await expect(backup.getByRole('alert')).toHaveText('Type a number of minutes from 1 to 1440.');
    await interval.fill('45');
    await backup.getByRole('button', { name: 'Save interval' }).click();
    await expect(backup.getByRole('status')).toHaveText('Saved.');
    await expect(otherScreen.getByLabel('Default backup interval (minutes)')).toHaveValue('45');

    const desktop = screen.getByRole('region', { name: 'Desktop app' });
    await expect(desktop).toContainText('These apply to the desktop app: this browser tab is not affected.');
    await desktop.getByRole('checkbox', { name: 'Start WA Accounts when I log in to this computer' }).check();
    await expect(desktop.getByRole('checkbox', { name: 'Start without a window (in the tray)' })).toBeChecked();
    await desktop.getByRole('radio', { name: 'Quit WA Accounts (the accounts stop)' }).check();
    const otherDesktop = otherScreen.getByRole('region', { name: 'Desktop app' });
    await expect(otherDesktop.getByRole('checkbox', { name: 'Start WA Accounts when I log in to this computer' })).toBeChecked();
    await expect(otherDesktop.getByRole('radio', { name: 'Quit WA Accounts (the accounts stop)' })).toBeChecked();

    const data = screen.getByRole('region', { name: 'Data folder' });
    await expect(data.getByTestId('data-folder')).toHaveText(host.dataDir);
    await expect(data).toContainText('a browser tab cannot open folders');

    // A store, then a new account: its backup starts from the default.
    await openAccounts(page);
    await addFolderStore(page, 'USB drive', folder);
    await page.getByLabel('Account name').fill('Work');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const c = await card(page, 'Work');
    await expect(c.getByRole('region', { name: 'Backup of Work' }).getByLabel('Every (minutes)')).toHaveValue('45');

    await page.reload();
    await openApp(page, host.url);
    const kept = await openSettings(page);
    await expect(kept.getByLabel('Default backup interval (minutes)')).toHaveValue('45');
    await expect(kept.getByRole('checkbox', { name: 'Start WA Accounts when I log in to this computer' })).toBeChecked();
    await expect(kept.getByRole('radio', { name: 'Quit WA Accounts (the accounts stop)' })).toBeChecked();
  } finally {
    await other.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
