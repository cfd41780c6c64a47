// A tab whose app stopped must not go on showing accounts as live: the bridge's heartbeat notices within
// seconds, the cards grey out and a banner says so; a restarted app (new token) is explained, not retried.
import { expect, test } from './fixtures';
import { card, openApp, snap } from './ui';

test('when the app stops, the open tab says so within 5 s; after a restart it says how to get back in', async ({ page, host }, testInfo) => {
  await openApp(page, host.url);
  await page.getByLabel('Account name').fill('Work');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(await card(page, 'Work')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const stoppedAt = Date.now();
  await host.stop();
  const lost = page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' });
  await expect(lost).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - stoppedAt).toBeLessThan(5_000);
  await expect(await card(page, 'Work')).toContainText('Last known state');
  await expect(page.getByRole('banner')).toContainText('Last known: 1 account');
  await snap(page, testInfo, 'connection-lost');

  // Back on the same address with a new token: the old tab cannot act for it and says what to do.
  await host.restart(true);
  const restarted = page.getByRole('alert').filter({ hasText: 'WA Accounts was restarted' });
  await expect(restarted).toBeVisible({ timeout: 15_000 });
  await expect(restarted).toContainText('Open the address the app printed last');
  await snap(page, testInfo, 'connection-restarted');

  // Opening the new address gets back in.
  await openApp(page, host.url);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(await card(page, 'Work')).toBeVisible();
});

test('a host that stops answering without closing the socket is noticed by the heartbeat', async ({ page, host }) => {
  await openApp(page, host.url);
  const pid = (host as unknown as { pid?: number }).pid;
  test.skip(pid === undefined || process.platform === 'win32', 'needs the host process id and SIGSTOP (POSIX)');
  process.kill(pid!, 'SIGSTOP');
  try {
    await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to the WA Accounts' })).toBeVisible({ timeout: 5_000 });
  } finally {
    process.kill(pid!, 'SIGCONT');
  }
  // Once it answers again, the page reconnects by itself.
  await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 15_000 });
});
