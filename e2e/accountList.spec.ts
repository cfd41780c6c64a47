// Many accounts on one screen (issue 13, item 6): thirty accounts in mixed states fit in a compact list
// beside the selected account's pane, at 1280x800 and at 800x600; the list is filtered by state,
// searched by name and driven by the keyboard (the WAI-ARIA listbox pattern). The accounts are made
// through the web host's WebSocket API; the simulator links some (Ready), drops one (logged out by the
// phone), breaks one (a conflict) and leaves one waiting for its scan; the rest stay Stopped.
import type { Page } from '@playwright/test';
import type { Account } from '../preload/contract';
import { ApiClient } from './apiClient';
import { expect, test } from './fixtures';
import type { SimServer } from './sim/SimServer';
import { accountEntry, accountList, card, chip, expectNoAxeViolations, openApp, snap } from './ui';

const TEAMS = ['Support', 'Sales', 'Billing', 'Deliveries', 'Returns', 'Marketing'];
const CITIES = ['Lisboa', 'Porto', 'Recife', 'Curitiba', 'Manaus'];
/** Thirty labels, one with accents (the search ignores them), in the order they are added. */
const LABELS = TEAMS.flatMap((team) => CITIES.map((city) => `${team} ${city}`)).map((l) => (l === 'Sales Recife' ? 'Vendas São José' : l));
const READY = ['Support Porto', 'Billing Manaus'];
const FAILED = 'Sales Curitiba';
const DROPPED = 'Returns Lisboa';
const WAITING = 'Marketing Recife';

const byLabel = (accounts: Account[], label: string) => accounts.find((a) => a.label === label)!;

/** Starts a stopped account, scans its QR with a phone of its own, and answers the linked device. */
async function link(api: ApiClient, sim: SimServer, id: string, n: number): Promise<{ deviceId: string; number: string }> {
  const phone = sim.addPhone({ number: `1555010${String(n).padStart(4, '0')}`, pushname: `Phone ${n}` });
  await api.call('accounts.start', { id });
  const list = await api.waitForAccounts((l) => l.find((a) => a.id === id)?.session.kind === 'qr');
  // The account's own QR (pages of the accounts stopped at once may have left theirs in the simulator).
  const session = list.find((a) => a.id === id)!.session;
  if (session.kind !== 'qr') throw new Error('not showing a QR code');
  const { deviceId } = sim.scan(session.qr, phone);
  await api.waitForAccounts((list) => list.find((a) => a.id === id)?.session.kind === 'ready');
  return { deviceId, number: phone.number };
}

async function thirtyAccounts(api: ApiClient, sim: SimServer): Promise<void> {
  for (const label of LABELS) {
    const added = await api.call('accounts.add', { label });
    await api.call('accounts.stop', { id: added.id });
  }
  await api.waitForAccounts((list) => list.length === 30 && list.every((a) => a.session.kind === 'stopped'));
  const ids = (label: string) => byLabel(api.accounts, label).id;
  const ready = [];
  for (const [i, label] of READY.entries()) ready.push(await link(api, sim, ids(label), i));
  const failed = await link(api, sim, ids(FAILED), 10);
  const dropped = await link(api, sim, ids(DROPPED), 11);
  sim.pushState(failed.deviceId, 'CONFLICT');
  sim.unlink(dropped.deviceId);
  for (const body of ['hello', 'are you open today?', 'thanks']) sim.sendToAccount({ from: '15550009999', body }, ready[0]!.number);
  await api.call('accounts.start', { id: ids(WAITING) });
  await api.waitForAccounts((list) => {
    const kind = (label: string) => byLabel(list, label).session.kind;
    return kind(FAILED) === 'failed' && kind(DROPPED) === 'logged-out' && kind(WAITING) === 'qr';
  });
}

/** The detail pane shows this account, and its line in the list is the selected option. */
async function expectShown(page: Page, label: string): Promise<void> {
  await expect(accountEntry(page, label)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: label, exact: true })).toBeVisible();
}

test('thirty accounts in mixed states: one screen, filtered by state, searched by name, driven by the keyboard', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(300_000);
  const api = await ApiClient.connect(host.origin, host.token);
  try {
    await thirtyAccounts(api, sim);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, host.url);
    const options = accountList(page).getByRole('option');
    await expect(options).toHaveCount(30);
    await expect(page.getByRole('status').filter({ hasText: /^30 accounts$/ })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('30 accounts');

    // Each line's name is what it shows: its label, then its state (and unread count).
    await expect(accountEntry(page, READY[0]!)).toHaveAccessibleName(`${READY[0]} Ready 3 unread`);
    await expect(accountEntry(page, DROPPED)).toHaveAccessibleName(`${DROPPED} Needs attention · logged out`);
    await expect(accountEntry(page, FAILED)).toHaveAccessibleName(`${FAILED} Needs attention · failed`);
    await expect(accountEntry(page, WAITING)).toHaveAccessibleName(`${WAITING} Waiting for scan`);
    await expect(accountEntry(page, 'Support Lisboa')).toHaveAccessibleName('Support Lisboa Stopped');
    await expect(accountEntry(page, DROPPED).locator('.option-mark')).toHaveText('!');
    await expect(accountEntry(page, 'Support Lisboa').locator('.option-mark')).toHaveText('');
    // The first account is shown until another is chosen; the thirty lines fit without the page growing past two screens.
    await expectShown(page, LABELS[0]!);
    await snap(page, testInfo, '1-1280x800-all');
    await expectNoAxeViolations(page, 'the list of 30 accounts');

    // Keyboard: one tab stop, arrows move the selection (and the pane follows), Home/End, Enter opens.
    await page.getByRole('combobox', { name: 'Show' }).focus();
    await page.keyboard.press('Tab');
    await expect(accountEntry(page, LABELS[0]!)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(accountEntry(page, LABELS[1]!)).toBeFocused();
    await expectShown(page, LABELS[1]!);
    await page.keyboard.press('End');
    await expect(accountEntry(page, LABELS[29]!)).toBeFocused();
    await expectShown(page, LABELS[29]!);
    await page.keyboard.press('ArrowDown'); // already the last: stays
    await expect(accountEntry(page, LABELS[29]!)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expectShown(page, LABELS[28]!);
    await page.keyboard.press('Home');
    await expectShown(page, LABELS[0]!);
    await expect(options.and(page.locator('[tabindex="0"]'))).toHaveCount(1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: LABELS[29]!, exact: true })).toBeFocused();
    // Shift+Tab from the pane comes back to the list on the selected account.
    await page.getByRole('button', { name: `Rename ${LABELS[29]!}` }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(accountEntry(page, LABELS[29]!)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press(' ');
    await expect(page.getByRole('heading', { name: LABELS[28]!, exact: true })).toBeFocused();

    // Filter by state: the counts are in the choice, the list and its status say what is shown.
    const show = page.getByRole('combobox', { name: 'Show' });
    await expect(show.getByRole('option', { name: 'Needs attention (2)' })).toHaveCount(1);
    await show.selectOption({ label: 'Needs attention (2)' });
    await expect(options).toHaveCount(2);
    await expect(options).toHaveText([new RegExp(`^!${FAILED}`), new RegExp(`^!${DROPPED}`)]);
    await expect(page.getByRole('status').filter({ hasText: 'Showing 2 of 30 accounts' })).toBeVisible();
    await accountEntry(page, DROPPED).click();
    const dropped = await card(page, DROPPED);
    await expect(chip(dropped)).toHaveText('Needs attention · logged out');
    await expect(dropped.getByRole('button', { name: `Link again ${DROPPED}` })).toBeVisible();
    await snap(page, testInfo, '2-1280x800-needs-attention');
    await show.selectOption({ label: 'Ready (2)' });
    await expect(options).toHaveText([new RegExp(READY[0]!), new RegExp(READY[1]!)]);
    await show.selectOption({ label: 'Stopped or logged out (25)' });
    await expect(options).toHaveCount(25);

    // Search by name: case and accents do not matter, every word must match, together with the filter.
    await show.selectOption({ value: 'all' });
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    await search.fill('sao jose');
    await expect(options).toHaveCount(1);
    await expect(accountEntry(page, 'Vendas São José')).toBeVisible();
    await search.fill('porto');
    await expect(options).toHaveCount(6);
    await show.selectOption({ value: 'ready' });
    await expect(options).toHaveCount(1);
    await expect(accountEntry(page, 'Support Porto')).toBeVisible();
    await search.fill('nobody');
    await expect(options).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'No account matches (of 30).' })).toBeVisible();
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect(options).toHaveCount(30);
    await expect(search).toHaveValue('');

    // 800x600: the account waiting for its scan, its QR code in the pane beside the list.
    await page.setViewportSize({ width: 800, height: 600 });
    await search.fill('marketing');
    await expect(options).toHaveCount(5);
    const waiting = await card(page, WAITING);
    await expect(chip(waiting)).toHaveText('Waiting for scan');
    await expect(waiting.locator('img.qr-image')).toBeVisible();
    await snap(page, testInfo, '3-800x600-searched-qr');
    await search.fill('');
    await accountEntry(page, READY[0]!).click();
    await expect((await card(page, READY[0]!)).getByTestId('unread')).toHaveText('3 unread messages');
    await snap(page, testInfo, '4-800x600-all-ready');
    await expectNoAxeViolations(page, 'the list at 800x600');
  } finally {
    api.close();
  }
});
