// Temporary accounts and an account's proxy, through the UI against the web host.
import { freePort } from '../main/api/testing/freePort';
import { Server as ProxyServer } from 'proxy-chain';
import { expect, test } from './fixtures';
import { SIM_HOST } from './sim/certificate';
import { card, chip, openApp } from './ui';


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
  const port = await freePort(); // nothing listens there
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

test('a proxy set in the UI carries the account: the proxy sees WhatsApp\'s connection, and the account links through it', async ({ page, host, sim }) => {
  test.setTimeout(90_000);
  const seen: Array<{ hostname: string; username: string }> = [];
  const proxy = new ProxyServer({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request, hostname, username, password }) => {
      if (username !== 'ann' || password !== 'pa55 word') return { requestAuthentication: true };
      seen.push({ hostname, username });
      // The proxy resolves names for the browser (Chromium asks it to CONNECT web.whatsapp.com:443): the simulator stands in.
      if (hostname === SIM_HOST) request.url = `127.0.0.1:${sim.port}`;
      return {};
    },
  });
  await proxy.listen();
  try {
    await openApp(page, host.url);
    await page.getByLabel('Account name').fill('Branch');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const branch = await card(page, 'Branch');
    await expect(chip(branch)).toHaveText('Waiting for scan', { timeout: 30_000 });
    expect(seen).toEqual([]);
    await branch.getByRole('button', { name: /Details and history/ }).click();
    await branch.getByRole('button', { name: 'Set a proxy for Branch' }).click();
    await branch.getByLabel('Type').selectOption('http');
    await branch.getByLabel('Host').fill('127.0.0.1');
    await branch.getByLabel('Port').fill(String(proxy.port));
    await branch.getByLabel('User (optional)').fill('ann');
    await branch.getByLabel('Password (optional)').fill('pa55 word');
    await branch.getByRole('button', { name: 'Save proxy' }).click();
    await expect(branch.getByTestId('proxy-summary')).toHaveText(`Through the HTTP proxy 127.0.0.1:${proxy.port} as ann (password kept).`);
    // The account restarts through the proxy, which now carries WhatsApp Web's traffic, signed in.
    await expect.poll(() => seen.filter((s) => s.hostname === SIM_HOST).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(new Set(seen.map((s) => s.username))).toEqual(new Set(['ann']));
    await expect(chip(await card(page, 'Branch'))).toHaveText('Waiting for scan', { timeout: 30_000 });
    await expect.poll(() => sim.pendingQrs().length, { timeout: 30_000 }).toBeGreaterThan(0);
    sim.scan(sim.pendingQrs().at(-1)!.qr);
    await expect(chip(await card(page, 'Branch'))).toHaveText('Ready', { timeout: 30_000 });
  } finally {
    await proxy.close(true);
  }
});
