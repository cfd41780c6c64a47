// The accounts screen end to end against the web host: what a user does with the list, by mouse and
// by keyboard, and what they see when something is wrong.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { accountEntry, accountList, card, openApp } from './ui';

const XSS = '<img src=x onerror=alert(1)>';

async function addAccount(page: Page, label: string): Promise<void> {
  await page.getByLabel('Account name').fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(await card(page, label.trim())).toBeVisible();
}

test('an empty app says what to do, then adds, renames and removes an account', async ({ page, host }) => {
  await openApp(page, host.url);
  await expect(page.getByText('No accounts yet. Add one to link a WhatsApp account.')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('No accounts');

  await addAccount(page, 'Work');
  await expect(page.getByText('No accounts yet.')).toBeHidden();
  await expect(page.getByRole('banner')).toContainText('1 account');
  await expect(page.getByLabel('Account name')).toHaveValue('');

  // Rename: Enter saves, focus comes back to the card's Rename button.
  await page.getByRole('button', { name: 'Rename Work' }).click();
  const nameInput = page.getByRole('textbox', { name: 'New name for Work' });
  await expect(nameInput).toBeFocused();
  await expect(nameInput).toHaveValue('Work');
  await nameInput.fill('Personal');
  await nameInput.press('Enter');
  await expect(await card(page, 'Personal')).toBeVisible();
  await expect(accountEntry(page, 'Work')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rename Personal' })).toBeFocused();

  // Escape cancels without saving.
  await page.getByRole('button', { name: 'Rename Personal' }).click();
  await page.getByRole('textbox', { name: 'New name for Personal' }).fill('Not this');
  await page.keyboard.press('Escape');
  await expect(await card(page, 'Personal')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Personal' })).toBeFocused();

  // Remove asks first and names the account; Cancel (and Escape) keep it.
  const removeButton = page.getByRole('button', { name: 'Remove Personal' });
  await removeButton.click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Personal”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Personal');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(await card(page, 'Personal')).toBeVisible();
  await expect(removeButton).toBeFocused();

  await removeButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(await card(page, 'Personal')).toBeVisible();

  await removeButton.click();
  await dialog.getByRole('button', { name: 'Remove account' }).click();
  await expect(dialog).toBeHidden();
  await expect(accountEntry(page, 'Personal')).toHaveCount(0);
  await expect(page.getByText('No accounts yet. Add one to link a WhatsApp account.')).toBeVisible();

  // The removal is main's, not just the page's.
  await page.reload();
  await expect(page.getByText('No accounts yet. Add one to link a WhatsApp account.')).toBeVisible();
});

test('the list survives a host restart', async ({ page, host }) => {
  await openApp(page, host.url);
  await addAccount(page, 'Work');
  await addAccount(page, 'Family');
  await page.getByRole('button', { name: 'Rename Family' }).click();
  await page.getByRole('textbox', { name: 'New name for Family' }).fill('Home');
  await page.keyboard.press('Enter');
  await expect(await card(page, 'Home')).toBeVisible();

  await host.restart();
  await openApp(page, host.url);
  await expect(accountList(page).getByRole('option')).toHaveCount(2);
  await expect(await card(page, 'Work')).toBeVisible();
  await expect(await card(page, 'Home')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('2 accounts');
});

test('an invalid label shows the error next to the field and keeps what was typed', async ({ page, host }) => {
  await openApp(page, host.url);
  const input = page.getByLabel('Account name');
  const add = page.getByRole('button', { name: 'Add', exact: true });

  for (const typed of ['', '   ']) {
    await input.fill(typed);
    await add.click();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(/give the account a name/i);
    await expect(input).toHaveValue(typed);
  }

  const tooLong = 'x'.repeat(65);
  await input.fill(tooLong);
  await add.click();
  await expect(input).toHaveAccessibleDescription(/64 characters or fewer/i);
  await expect(input).toHaveValue(tooLong);
  await expect(page.getByText('No accounts yet.')).toBeVisible();

  // Typing clears the error; 64 characters are fine.
  await input.fill('y'.repeat(64));
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await add.click();
  await expect(await card(page, 'y'.repeat(64))).toBeVisible();

  // The same holds for rename, next to its own field.
  await page.getByRole('button', { name: `Rename ${'y'.repeat(64)}` }).click();
  const rename = page.getByRole('textbox', { name: `New name for ${'y'.repeat(64)}` });
  await rename.fill(' ');
  await rename.press('Enter');
  await expect(rename).toHaveAttribute('aria-invalid', 'true');
  await expect(rename).toHaveAccessibleDescription(/give the account a name/i);
  await expect(rename).toHaveValue(' ');
  await rename.press('Escape');
  await expect(await card(page, 'y'.repeat(64))).toBeVisible();
});

test('a label is shown as text: markup in it is not run', async ({ page, host }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page, host.url);
  await addAccount(page, XSS);
  await expect((await card(page, XSS)).getByRole('heading')).toHaveText(XSS);
  await expect(page.getByRole('button', { name: `Remove ${XSS}` })).toBeVisible();

  await page.getByRole('button', { name: `Rename ${XSS}` }).click();
  const other = '"><svg onload=alert(2)>';
  await page.getByRole('textbox', { name: `New name for ${XSS}` }).fill(other);
  await page.keyboard.press('Enter');
  await expect(await card(page, other)).toBeVisible();

  await page.getByRole('button', { name: `Remove ${other}` }).click();
  await expect(page.getByRole('dialog')).toContainText(other);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.reload();
  await expect(await card(page, other)).toBeVisible();
  // The only images are the app's own QR codes (the account is linking): nothing from the label became an element.
  await expect(page.locator('main svg, main img:not(.qr-image[src^="data:image/png;base64,"])')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('keyboard only: add, rename and cancel a removal', async ({ page, host }) => {
  await openApp(page, host.url);
  // The header's screens come first (Accounts | Settings), then the form.
  const screens = page.getByRole('navigation', { name: 'Screens' });
  await page.keyboard.press('Tab');
  await expect(screens.getByRole('button', { name: 'Accounts' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(screens.getByRole('button', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Account name')).toBeFocused();
  await page.keyboard.type('Keyboard');
  await page.keyboard.press('Enter');
  await expect(await card(page, 'Keyboard')).toBeVisible();
  await expect(page.getByLabel('Account name')).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Add a temporary account' })).toBeFocused();
  // Then the list's search and filter, the list itself (one tab stop: the shown account), its card.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search by name' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Show' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(accountEntry(page, 'Keyboard')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rename Keyboard' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'New name for Keyboard' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Keys');
  await page.keyboard.press('Enter');
  await expect(await card(page, 'Keys')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Keys' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove Keys' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Remove Keys' })).toBeFocused();
  await expect(await card(page, 'Keys')).toBeVisible();
});

test('a page without its access token, or whose host stopped, says so and how to fix it', async ({ page, host }) => {
  await page.goto(host.origin);
  const banner = page.getByRole('alert').filter({ hasText: 'access token' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Open the full address');
  await expect(page.getByText('Your accounts appear here once the app is connected.')).toBeVisible();
  await expect(page.getByLabel('Account name')).toBeHidden();

  // Opening the full address in the same tab (only the fragment changes) connects.
  await openApp(page, host.url);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await addAccount(page, 'Work');

  await host.stop();
  const input = page.getByLabel('Account name');
  await input.fill('Offline');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' })).toBeVisible();
  await expect(input).toHaveAccessibleDescription(/not saved/i);
  await expect(input).toHaveValue('Offline');
});

test('the about area shows the version and the data folder', async ({ page, host }) => {
  await openApp(page, host.url);
  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText(/WA Accounts · version \S+/);
  await expect(footer).toContainText('1.34.7'); // whatsapp-web.js, pinned
  await expect(footer).toContainText(host.dataDir);
});
