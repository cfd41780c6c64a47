// A linked account's messages as the person sees them: the phone's contact writes twice, the card
// shows 2 unread and the window title "(2) …"; Mark as read clears both (and the chat on the phone);
// the new-message notification switch survives a reload.
import { expect, test } from './fixtures';
import { card, chip, linkedAccount, openApp, snap } from './ui';

const ALICE = '15550000002';


test('messages from the phone show as unread on the card and in the title, and clear when marked read', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(90_000);
  await openApp(page, host.url);
  const c = await linkedAccount(page, sim, 'Work');
  const unread = c.getByTestId('unread');
  await expect(unread).toHaveText('0 unread messages');
  await expect(c.getByText('No messages yet')).toBeVisible();
  await expect(page).toHaveTitle('WA Accounts');

  sim.sendToAccount({ from: ALICE, body: 'are you there?' });
  sim.sendToAccount({ from: ALICE, body: 'call me' });
  await expect(unread).toHaveText('2 unread messages');
  await expect(c.getByText(/Last message (just now|\d+ s ago)/)).toBeVisible();
  await expect(page).toHaveTitle('(2) WA Accounts');
  await expect(page.getByTestId('unread-total')).toHaveText(/2 unread messages/);
  // The text is the person's: the card shows counts, not messages.
  await expect(page.getByText('call me')).toHaveCount(0);
  await snap(page, testInfo, 'messages-unread');

  await c.getByRole('button', { name: 'Mark as read Work' }).click();
  await expect(unread).toHaveText('0 unread messages');
  await expect(page).toHaveTitle('WA Accounts');
  await expect(page.getByTestId('unread-total')).toHaveCount(0);
  expect(sim.chats().find((chat) => chat.contact === ALICE)?.unreadCount).toBe(0);
});

test('the new-message notification switch is off by default and stays on across a reload', async ({ page, host, sim }) => {
  test.setTimeout(90_000);
  await openApp(page, host.url);
  const c = await linkedAccount(page, sim, 'Shop');
  const toggle = c.getByRole('switch', { name: 'Notify me of new messages' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await page.reload();
  await openApp(page, host.url);
  await expect((await card(page, 'Shop')).getByRole('switch', { name: 'Notify me of new messages' })).toBeChecked();
  await expect(chip(await card(page, 'Shop'))).toHaveText('Ready');
  // And the count is there for a window opened after the messages came.
  sim.sendToAccount({ from: ALICE, body: 'hello' });
  await expect((await card(page, 'Shop')).getByTestId('unread')).toHaveText('1 unread message');
  await page.reload();
  await expect((await card(page, 'Shop')).getByTestId('unread')).toHaveText('1 unread message');
  await expect(page).toHaveTitle('(1) WA Accounts');
});
