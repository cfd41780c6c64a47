import { afterEach, describe, expect, it } from 'vitest';
import { SessionFailureCode, SessionState, TimelineState, type Account } from '../../preload/contract';
import { i18n } from '../i18n';
import { chipFor, codeGroups, durationText, failureTitle, isLeaseFailure, needsAttention, phoneText, sessionMessage, summaryText, timelineStateText } from './sessionView';

const NOW = 1_700_000_000_000;

function account(session: SessionState, id = Math.random().toString(36).slice(2)): Account {
  return {
    id,
    label: id,
    createdAt: 0,
    running: true,
    linked: true,
    session,
    backup: { enabled: false, storeId: null, intervalMin: 60, encrypt: true, activity: 'off', last: null, failing: null, nextAt: null },
    temporary: false,
    proxy: null,
  };
}

describe('chip', () => {
  it('says every state in words, with a glyph and a tone', () => {
    expect(chipFor({ kind: 'ready', phoneNumber: '1', pushName: 'A' }, NOW)).toEqual({ text: 'Ready', icon: '✓', tone: 'ok' });
    expect(chipFor({ kind: 'ready', phoneNumber: '1', pushName: 'A', display: 'hidden' }, NOW).text).toBe('Ready');
    expect(chipFor({ kind: 'ready', phoneNumber: '1', pushName: 'A', display: 'window' }, NOW)).toEqual({ text: 'Open in a window', icon: '⧉', tone: 'ok' });
    expect(chipFor({ kind: 'qr', qr: 'x', qrImage: '', expiresAt: NOW, shown: 1, limit: 6 }, NOW).text).toBe('Waiting for scan');
    expect(chipFor({ kind: 'syncing', percent: 40.4 }, NOW).text).toBe('Syncing 40 %');
    expect(chipFor({ kind: 'reconnecting', attempt: 2, nextTryAt: NOW + 7_200, reason: '' }, NOW)).toMatchObject({ text: 'Reconnecting · retry 2 in 8 s', tone: 'warn' });
    expect(chipFor({ kind: 'reconnecting', attempt: 0, nextTryAt: NOW, reason: '' }, NOW).text).toBe('Reconnecting · waiting for the connection');
    expect(chipFor({ kind: 'failed', code: 'BROWSER_EXITED', message: '' }, NOW)).toMatchObject({ text: 'Needs attention · failed', tone: 'danger' });
  });

  it('a logout the user asked for is not a problem; one from the phone is', () => {
    const here: SessionState = { kind: 'logged-out', reason: 'logged-out-here', message: '' };
    const phone: SessionState = { kind: 'logged-out', reason: 'unlinked-from-phone', message: '' };
    expect(needsAttention(here)).toBe(false);
    expect(chipFor(here, NOW).tone).toBe('neutral');
    expect(needsAttention(phone)).toBe(true);
    expect(chipFor(phone, NOW).text).toBe('Needs attention · logged out');
  });
});

describe('summary', () => {
  it('counts accounts by what they need, in a fixed order', () => {
    const ready: SessionState = { kind: 'ready', phoneNumber: '1', pushName: 'A' };
    const list = [
      account(ready),
      account({ kind: 'qr', qr: 'x', qrImage: '', expiresAt: NOW, shown: 1, limit: 6 }),
      account(ready),
      account({ kind: 'failed', code: 'BROWSER_EXITED', message: '' }),
      account(ready),
    ];
    expect(summaryText(list)).toBe('5 accounts: 3 ready, 1 needs attention, 1 waiting for scan');
    expect(summaryText([account({ kind: 'failed', code: 'BROWSER_EXITED', message: '' }), account({ kind: 'logged-out', reason: 'revoked-offline', message: '' })])).toBe(
      '2 accounts: 2 need attention',
    );
    expect(summaryText([])).toBe('No accounts');
  });
});

describe('failures', () => {
  it('every failure code has its own headline', () => {
    const titles = SessionFailureCode.options.map(failureTitle);
    for (const title of titles) expect(title).toMatch(/^[A-Z].{8,}[^.]$/);
    expect(new Set(titles).size).toBe(SessionFailureCode.options.length);
    expect(failureTitle('CONFLICT')).toBe('WhatsApp Web was opened somewhere else');
  });

  it('only a lease held elsewhere reads as "open elsewhere"; every other failure reads as failed', () => {
    for (const code of SessionFailureCode.options) {
      const chip = chipFor({ kind: 'failed', code, message: '' }, NOW);
      expect(chip.text).toBe(code === 'LEASE_HELD' || code === 'LEASE_LOST' ? 'Needs attention · open elsewhere' : 'Needs attention · failed');
      expect(isLeaseFailure(code)).toBe(code === 'LEASE_HELD' || code === 'LEASE_LOST');
    }
  });
});

describe('timeline', () => {
  it('every timeline state reads in words, and every session kind is one of them', () => {
    const words = TimelineState.options.map(timelineStateText);
    for (const [i, text] of words.entries()) expect(text, TimelineState.options[i]).toMatch(/^[A-Z][a-z]/);
    expect(new Set(words).size).toBe(TimelineState.options.length);
    const kinds = SessionState.options.map((o) => o.shape.kind.value);
    expect(kinds.filter((k) => !TimelineState.options.includes(k))).toEqual([]);
    expect([timelineStateText('qr'), timelineStateText('restored')]).toEqual(['Waiting for scan', 'Restored from a backup']);
  });
});

describe('wording', () => {
  it('durations and pairing codes', () => {
    expect(durationText(14)).toBe('14 s');
    expect(durationText(178)).toBe('2 min 58 s');
    expect(durationText(180)).toBe('3 min');
    expect(codeGroups('abcd1234')).toEqual(['ABCD', '1234']);
    expect(codeGroups('ABCD-1234')).toEqual(['ABCD', '1234']);
  });
});

describe('in Brazilian Portuguese', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('chips, countdowns and headlines read in Portuguese', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(chipFor({ kind: 'ready', phoneNumber: '1', pushName: 'A' }, NOW).text).toBe('Pronta');
    expect(chipFor({ kind: 'syncing', percent: 40.4 }, NOW).text).toBe('Sincronizando 40 %');
    expect(chipFor({ kind: 'reconnecting', attempt: 2, nextTryAt: NOW + 7_200, reason: '' }, NOW).text).toBe('Reconectando · tentativa 2 em 8 s');
    expect(chipFor({ kind: 'failed', code: 'LEASE_HELD', message: '' }, NOW).text).toBe('Precisa de atenção · aberta em outro lugar');
    expect(failureTitle('CONFLICT')).toBe('O WhatsApp Web foi aberto em outro lugar');
    expect(timelineStateText('restored')).toBe('Restaurada de um backup');
    expect(durationText(178)).toBe('2 min 58 s');
    expect(phoneText('')).toBe('número desconhecido');
  });

  it('the summary agrees in number with each group', async () => {
    await i18n.changeLanguage('pt-BR');
    const ready: SessionState = { kind: 'ready', phoneNumber: '1', pushName: 'A' };
    const failed: SessionState = { kind: 'failed', code: 'BROWSER_EXITED', message: '' };
    expect(summaryText([account(ready), account(ready), account(failed), account({ kind: 'stopped' })])).toBe('4 contas: 2 prontas, 1 precisa de atenção, 1 parada');
    expect(summaryText([account(failed), account({ kind: 'logged-out', reason: 'revoked-offline', message: '' })])).toBe('2 contas: 2 precisam de atenção');
    expect(summaryText([account(ready)])).toBe('1 conta: 1 pronta');
    expect(summaryText([])).toBe('Nenhuma conta');
  });

  it("main's English message gives way to the catalog's sentence for its code or reason", async () => {
    const failed: SessionState = { kind: 'failed', code: 'DISK_FULL', message: 'The disk holding the app’s data is full.' };
    const phone: SessionState = { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'Logged out from your phone.' };
    const lost: SessionState = { kind: 'reconnecting', attempt: 0, nextTryAt: NOW, reason: 'The connection to WhatsApp was lost.' };
    expect([sessionMessage(failed), sessionMessage(phone), sessionMessage(lost)]).toEqual([failed.message, phone.message, lost.reason]);
    await i18n.changeLanguage('pt-BR');
    expect(sessionMessage(failed)).toBe('O disco com os dados do app está cheio, então o histórico desta conta não pôde ser salvo. Libere espaço e clique em Tentar novamente.');
    expect(sessionMessage(phone)).toBe('A conta foi desconectada pelo seu celular. Conecte-a de novo para continuar usando-a aqui.');
    expect(sessionMessage(lost)).toBe('A conexão com o WhatsApp caiu; aguardando que ela volte.');
    for (const code of SessionFailureCode.options) expect(sessionMessage({ kind: 'failed', code, message: 'English' })).not.toMatch(/English|^session:/);
  });
});
