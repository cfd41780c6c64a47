import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../preload/contract';
import { i18n } from '../i18n';
import { account } from '../stores/testing/samples';
import { fold, GROUPS, groupCounts, groupOf, groupText, matches, shownText } from './accountFilter';

const S = {
  stopped: { kind: 'stopped' },
  qr: { kind: 'qr', qr: 'x', shown: 1, expiresAt: 0 },
  paused: { kind: 'qr-paused', shown: 5 },
  code: { kind: 'pairing-code', code: 'ABCD-EFGH', expiresAt: 0 },
  starting: { kind: 'starting', phase: 'launch' },
  syncing: { kind: 'syncing', percent: 40 },
  ready: { kind: 'ready', me: { number: '1', pushname: 'p' } },
  reconnecting: { kind: 'reconnecting', attempt: 1, nextTryAt: 0, reason: 'x' },
  droppedByPhone: { kind: 'logged-out', reason: 'logged-out-phone', message: 'x' },
  loggedOutHere: { kind: 'logged-out', reason: 'logged-out-here', message: 'x' },
  failed: { kind: 'failed', code: 'PAGE_TIMEOUT', message: 'x' },
} as unknown as Record<string, SessionState>;

describe('the state groups of the account list', () => {
  it('puts what the user must act on under Needs attention, and every other state in one group', () => {
    expect(groupOf(S.failed!)).toBe('attention');
    expect(groupOf(S.droppedByPhone!)).toBe('attention');
    expect([S.qr, S.paused, S.code].map((s) => groupOf(s!))).toEqual(['linking', 'linking', 'linking']);
    expect([S.starting, S.syncing, S.reconnecting].map((s) => groupOf(s!))).toEqual(['connecting', 'connecting', 'connecting']);
    expect(groupOf(S.ready!)).toBe('ready');
    expect(groupOf(S.stopped!)).toBe('stopped');
    expect(groupOf(S.loggedOutHere!)).toBe('stopped');
  });

  it('counts each group, the total under All', () => {
    const list = [account('a', 'A', { session: S.ready! }), account('b', 'B', { session: S.failed! }), account('c', 'C', { session: S.ready! })];
    expect(groupCounts(list)).toEqual({ all: 3, attention: 1, linking: 0, connecting: 0, ready: 2, stopped: 0 });
  });
});

describe('searching by name', () => {
  const jose = account('j', 'José – Vendas', { session: S.ready! });

  it('ignores case and accents, and needs every word typed', () => {
    expect(fold('  JOSÉ ')).toBe('jose');
    expect(matches(jose, 'all', 'jose')).toBe(true);
    expect(matches(jose, 'all', 'VENDAS josé')).toBe(true);
    expect(matches(jose, 'all', 'jose compras')).toBe(false);
    expect(matches(jose, 'all', '')).toBe(true);
  });

  it('applies the state filter too', () => {
    expect(matches(jose, 'ready', 'jose')).toBe(true);
    expect(matches(jose, 'attention', 'jose')).toBe(false);
  });

  it('says how many are shown', () => {
    expect(shownText(30, 30)).toBe('30 accounts');
    expect(shownText(1, 1)).toBe('1 account');
    expect(shownText(4, 30)).toBe('Showing 4 of 30 accounts');
    expect(shownText(0, 30)).toBe('No account matches (of 30).');
  });
});

describe('the filters in Brazilian Portuguese', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('pt-BR');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('counts accounts with the plural forms of pt-BR and names the groups', () => {
    expect(shownText(1, 1)).toBe('1 conta');
    expect(shownText(30, 30)).toBe('30 contas');
    expect(shownText(4, 30)).toBe('Mostrando 4 de 30 contas');
    expect(shownText(0, 30)).toBe('Nenhuma conta corresponde (de 30).');
    expect(GROUPS.map(groupText)).toEqual(['Precisa de atenção', 'Aguardando conexão', 'Iniciando ou reconectando', 'Pronta', 'Parada ou desconectada']);
  });

  it('names the groups in English again once switched back', async () => {
    await i18n.changeLanguage('en');
    expect(groupText('attention')).toBe('Needs attention');
  });
});
