// What the Playwright specs share: finding an account's card, opening the app, screenshots, QR watching.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

declare global {
  interface Window {
    /** Set by watchForQr's init script: how many times a QR image appeared in the page. */
    __qrSeen?: number;
  }
}

/** An account's card in the list, by its label. */
export function card(page: Page, label: string): Locator {
  return page
    .getByRole('list', { name: 'Accounts' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

/** The state chip's text of a card. */
export const chip = (c: Locator) => c.locator('.chip-text');

/** Opens the app and waits until the accounts have loaded. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.getByText('Loading accounts…')).toBeHidden();
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
