// What the Playwright specs share: finding an account in the list and its card (the detail pane),
// opening the app, screenshots, QR watching, and the axe-core check.
import type { SimServer } from './sim/SimServer';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

declare global {
  interface Window {
    /** Set by watchForQr's init script: how many times a QR image appeared in the page. */
    __qrSeen?: number;
  }
}

/** The list of accounts (a listbox: one option per account, named by its label). */
export function accountList(page: Page): Locator {
  return page.getByRole('listbox', { name: 'Accounts' });
}

/**
 * An account's line in the list, by its label: for whether it is there, without opening it. The
 * option's name is all it shows (label, state, unread count), so it is found by its label's text.
 */
export function accountEntry(page: Page, label: string): Locator {
  const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return accountList(page).getByRole('option').filter({ has: page.locator('.option-label').filter({ hasText: exactly }) });
}

/**
 * An account's card: selects the account in the list (unless it is the one shown already, so focus
 * stays where it is) and returns the detail pane, a region named by the account's title. The locator
 * finds nothing once another account is selected: call card() again to switch.
 */
export async function card(page: Page, label: string): Promise<Locator> {
  const entry = accountEntry(page, label);
  if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
  return page.getByRole('region', { name: label, exact: true }).filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

/** The state chip's text of a card. */
export const chip = (c: Locator) => c.locator('.chip-text');

/** Opens the app and waits until the accounts have loaded. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.getByText('Loading accounts…')).toBeHidden();
}

/** The accounts screen's Backup area (stores, restore, recovery passphrase). */
export function backupArea(page: Page): Locator {
  return page.getByRole('region', { name: 'Backup', exact: true });
}

/** Opens "Add a store" and fills the S3 form for a store on `s3`; answers the form, not saved yet. */
export async function fillS3Form(page: Page, s3: { endpoint: string; bucket: string }, credentials: { key: string; secret: string }): Promise<Locator> {
  await backupArea(page).getByRole('button', { name: 'Add a store' }).click();
  const form = page.getByRole('form', { name: 'Add a store' });
  await form.getByLabel('Name', { exact: true }).fill('Office S3');
  await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'S3-compatible storage' });
  await form.getByLabel('Endpoint (optional)', { exact: true }).fill(s3.endpoint);
  await form.getByLabel('Region', { exact: true }).fill('us-east-1');
  await form.getByLabel('Bucket', { exact: true }).fill(s3.bucket);
  await form.getByLabel('Access key id', { exact: true }).fill(credentials.key);
  await form.getByLabel('Secret access key', { exact: true }).fill(credentials.secret);
  return form;
}

/** Adds a folder store through "Add a store" and saves it. */
export async function addFolderStore(page: Page, name: string, folder: string): Promise<void> {
  await backupArea(page).getByRole('button', { name: 'Add a store' }).click();
  const form = page.getByRole('form', { name: 'Add a store' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'Folder' });
  await form.getByLabel('Folder', { exact: true }).fill(folder);
  await form.getByRole('button', { name: 'Save store' }).click();
}

/** Shows the Settings screen (the header's Accounts | Settings) and waits for its settings. */
export async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  const screen = page.getByRole('region', { name: 'Settings', exact: true });
  await expect(screen.getByRole('heading', { name: 'Settings', exact: true })).toBeFocused();
  await expect(screen.getByText('Loading settings…')).toBeHidden();
  return screen;
}

/** Back to the accounts. */
export async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
}

/** A full-page screenshot in the test's output, attached to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.mouse.move(0, 0); // no stray hover state
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Counts every moment a QR image is in the page, from the first paint on (reloads included). */
export async function watchForQr(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__qrSeen = 0;
    let present = false;
    new MutationObserver(() => {
      const now = document.querySelector('img.qr-image') !== null;
      if (now && !present) window.__qrSeen = (window.__qrSeen ?? 0) + 1;
      present = now;
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
}

/**
 * Runs axe-core (all its default rules, WCAG AA contrast included) on the page as it is now, and fails
 * listing every violation by rule, impact and element, so the report says what to fix.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'unknown'}): ${n.target.join(' ')} — ${v.help}`));
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

/** Adds an account through the form and links it with the simulator's phone; answers its pane, Ready. */
export async function linkedAccount(page: Page, sim: SimServer, label: string): Promise<Locator> {
  await page.getByLabel('Account name').fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const c = await card(page, label);
  await expect(chip(c)).toHaveText('Waiting for scan', { timeout: 30_000 });
  await expect.poll(() => sim.pendingQrs().length).toBeGreaterThan(0);
  sim.scan(sim.pendingQrs()[0]!.qr);
  await expect(chip(c)).toHaveText('Ready', { timeout: 30_000 });
  return c;
}
