// Temporary accounts and an account's proxy, through the UI against the web host.
import { createServer } from 'node:net';
import { expect, test } from './fixtures';
import { card, openApp } from './ui';

/** A loopback port nothing listens on (listened on, then closed). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test('"Add a temporary account" makes an account that says it is temporary and offers no backup', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByLabel('Account name').fill('Visitor');
  await page.getByRole('checkbox', { name: 'Add a temporary account' }).check();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const visitor = await card(page, 'Visitor');
  await expect(visitor).toContainText('Temporary: ends when stopped or when the app quits');
  await expect(visitor).toContainText('Never backed up');
  await expect(visitor).not.toContainText('To back this account up');
  // The choice is not kept for the next account.
  await expect(page.getByRole('checkbox', { name: 'Add a temporary account' })).not.toBeChecked();

  await page.getByLabel('Account name').fill('Work');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const work = await card(page, 'Work');
  await expect(work).not.toContainText('Temporary');
  await expect(work).toContainText('To back this account up');

  // After a restart of the host the temporary account is gone, the other one stays.
  await host.restart();
  await openApp(page, host.url);
  await expect(await card(page, 'Work')).toBeVisible();
  await expect(page.getByRole('option', { name: /Visitor/ })).toHaveCount(0);
});

test('a proxy set in the account details is shown without its password, and one that refuses says "proxy unreachable"', async ({ page, host }) => {
  const port = await deadPort();
  await openApp(page, host.url);
  await page.getByLabel('Account name').fill('Office');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const office = await card(page, 'Office');
  await office.getByRole('button', { name: /Details and history/ }).click();
  await expect(office.getByTestId('proxy-summary')).toHaveText('No proxy: WhatsApp traffic goes out directly.');

  await office.getByRole('button', { name: 'Set a proxy for Office' }).click();
  // SOCKS5 with a user is refused with why, next to the form.
  await office.getByLabel('Type').selectOption('socks5');
  await office.getByLabel('Host').fill('127.0.0.1');
  await office.getByLabel('Port').fill(String(port));
  await office.getByLabel('User (optional)').fill('ann');
  await office.getByRole('button', { name: 'Save proxy' }).click();
  await expect(office).toContainText('Chromium cannot sign in to a SOCKS5 proxy');

  await office.getByLabel('Type').selectOption('http');
  await office.getByLabel('Password (optional)').fill('pa55-word');
  await office.getByRole('button', { name: 'Save proxy' }).click();
  await expect(office.getByTestId('proxy-summary')).toHaveText(`Through the HTTP proxy 127.0.0.1:${port} as ann (password kept).`);
  await expect(page.locator('body')).not.toContainText('pa55-word');
  await expect(office).toContainText(/proxy could not be reached or refused the connection/, { timeout: 30_000 });

  await office.getByRole('button', { name: 'Remove proxy of Office' }).click();
  await expect(office.getByTestId('proxy-summary')).toHaveText('No proxy: WhatsApp traffic goes out directly.');
});
