import { afterEach, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { account } from '../stores/testing/samples';
import { lastActivityText, titleText, unreadText, unreadTotal } from './activityView';

const use = (id: string, unread: number) => ({ id, unread, lastActivityAt: null, notifyMessages: false });

it('counts the unread messages of Ready accounts only, and puts the total in front of the title', () => {
  const ready = { session: { kind: 'ready' as const, phoneNumber: '1', pushName: 'Me' } };
  const accounts = [account('acc-1', 'Work', ready), account('acc-2', 'Home', ready), account('acc-3', 'Old', { session: { kind: 'stopped' } })];
  const activity = { 'acc-1': use('acc-1', 2), 'acc-2': use('acc-2', 1), 'acc-3': use('acc-3', 7) };
  expect(unreadTotal(accounts, activity)).toBe(3);
  expect(unreadTotal(accounts, {})).toBe(0);
  expect(titleText('WA Accounts', 3)).toBe('(3) WA Accounts');
  expect(titleText('WA Accounts', 0)).toBe('WA Accounts');
});

it('words the count and the last activity as a person reads them', () => {
  expect(unreadText(1)).toBe('1 unread message');
  expect(unreadText(0)).toBe('0 unread messages');
  const now = 10_000_000;
  expect(lastActivityText(null, now)).toBe('No messages yet');
  expect(lastActivityText(now - 3 * 60_000, now)).toBe('Last message 3 min ago');
  // A phone clock ahead of this computer's must not say "in the future".
  expect(lastActivityText(now + 60_000, now)).toBe('Last message just now');
});

it('in Brazilian Portuguese, counts agree in number and zero reads as none', async () => {
  await i18n.changeLanguage('pt-BR');
  expect(unreadText(1)).toBe('1 mensagem não lida');
  expect(unreadText(3)).toBe('3 mensagens não lidas');
  expect(unreadText(1_000_000)).toBe('1000000 mensagens não lidas');
  expect(unreadText(0)).toBe('Nenhuma mensagem não lida');
  expect(lastActivityText(null, 10_000_000)).toBe('Nenhuma mensagem ainda');
  expect(lastActivityText(10_000_000, 10_000_000)).toMatch(/^Última mensagem /);
});

afterEach(async () => {
  await i18n.changeLanguage('en');
});
