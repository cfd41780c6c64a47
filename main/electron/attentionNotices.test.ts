import { afterEach, describe, expect, it } from 'vitest';
import type { Account, SessionState } from '../../preload/contract';
import { setMainLanguage } from '../i18n';
import { EventHub } from '../ipc/EventHub';
import { silentLogger } from '../log';
import { attentionWords, forwardAttention, type Notice } from './attentionNotices';

it('shows one notification per attention event, naming the account, and a click focuses the window', () => {
  const hub = new EventHub(silentLogger);
  const shown: Notice[] = [];
  let focused = 0;
  const stop = forwardAttention(hub, (n) => shown.push(n), () => focused++);
  hub.emit('accounts.changed', []);
  hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Logged out from your phone', body: 'Link it again.' });
  expect(shown.map((n) => [n.title, n.body])).toEqual([['Work: Logged out from your phone', 'Link it again.']]);
  shown[0]!.onClick();
  expect(focused).toBe(1);
  stop();
  hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 't', body: 'b' });
  expect(shown).toHaveLength(1);
});

it('also shows the new-message notification, with the account and no message text', () => {
  const hub = new EventHub(silentLogger);
  const shown: Notice[] = [];
  forwardAttention(hub, (n) => shown.push(n), () => undefined);
  hub.emit('accounts.activity', []);
  hub.emit('accounts.message', { id: 'acc-1', label: 'Shop', title: 'New message on Shop', body: '' });
  expect(shown.map((n) => [n.title, n.body])).toEqual([['New message on Shop', '']]);
});

describe('in Brazilian Portuguese', () => {
  afterEach(() => {
    setMainLanguage('en', 'en-US');
  });

  const account = (id: string, label: string, session: SessionState): Account => ({
    id,
    label,
    session,
    createdAt: 1,
    running: true,
    linked: true,
    temporary: false,
    proxy: null,
    backup: { enabled: false, storeId: null, intervalMin: 15, encrypt: false, activity: 'off', last: null, failing: null, nextAt: null },
  });

  it('words the notice from the account’s state, keeping the account’s label, with no English left', () => {
    setMainLanguage('system', 'pt-BR');
    const hub = new EventHub(silentLogger);
    const shown: Notice[] = [];
    forwardAttention(hub, (n) => shown.push(n), () => undefined);
    hub.emit('accounts.changed', [account('acc-1', 'Work', { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'Logged out from your phone. Link it again to keep using this account here.' })]);
    hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Logged out from your phone', body: 'Logged out from your phone. Link it again to keep using this account here.' });
    hub.emit('accounts.changed', [account('acc-1', 'Work', { kind: 'failed', code: 'PROXY_UNREACHABLE', message: 'This account’s proxy could not be reached (ECONNREFUSED).' })]);
    hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Needs attention', body: 'This account’s proxy could not be reached (ECONNREFUSED).' });
    // A new message's title is worded where it is made (main/accountActivity.ts): passed on as it is.
    hub.emit('accounts.message', { id: 'acc-1', label: 'Work', title: 'Nova mensagem em Work', body: '' });
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['Work: Desconectada pelo celular', 'A conta foi desconectada pelo seu celular. Conecte-a de novo para continuar usando-a aqui.'],
      ['Work: Precisa de atenção', 'Não foi possível alcançar o proxy desta conta, ou ele recusou a conexão. Verifique o proxy nos detalhes da conta.'],
      ['Nova mensagem em Work', ''],
    ]);
  });

  it('says linking paused with how many QR codes were shown, and falls back to a generic sentence for an account it has not seen', () => {
    setMainLanguage('pt-BR', 'en-US');
    expect(attentionWords('Loja', { kind: 'qr-paused', shown: 5 })).toEqual({
      title: 'Loja: Conexão pausada',
      body: 'Nenhum código QR foi escaneado (5 mostrados). Peça um novo código QR quando estiver com o celular em mãos.',
    });
    expect(attentionWords('Loja', { kind: 'qr-paused', shown: 1 }).body).toMatch(/\(1 mostrado\)/);
    expect(attentionWords('Loja', { kind: 'logged-out', reason: 'revoked-offline', message: 'x' }).title).toBe('Loja: Desconectada');
    expect(attentionWords('Loja', undefined)).toEqual({ title: 'Loja: Precisa de atenção', body: 'Abra o WA Accounts para ver o que aconteceu.' });
  });

  it('in English shows the engine’s own words, as before', () => {
    const hub = new EventHub(silentLogger);
    const shown: Notice[] = [];
    forwardAttention(hub, (n) => shown.push(n), () => undefined);
    hub.emit('accounts.changed', [account('acc-1', 'Work', { kind: 'failed', code: 'BROWSER_EXITED', message: 'm' })]);
    hub.emit('accounts.attention', { id: 'acc-1', label: 'Work', title: 'Work: Needs attention', body: 'This account’s browser closed unexpectedly.' });
    expect(shown.map((n) => [n.title, n.body])).toEqual([['Work: Needs attention', 'This account’s browser closed unexpectedly.']]);
  });
});
