import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { noticeText } from './AttentionNotices';

const notice = { label: 'Shop', title: 'Shop: Linking paused', body: 'No QR code was scanned (5 shown). Press "Show a new QR" when your phone is at hand.' };
const now = 1_000_000;

describe('noticeText: what an attention notice says', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("in English, main's own title and body, whatever the account's state", () => {
    expect(noticeText(notice, { kind: 'qr-paused', shown: 5 }, now)).toEqual({ title: notice.title, body: notice.body });
  });

  it('in Brazilian Portuguese, worded from the account’s current state, with the count in the right form', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(noticeText(notice, { kind: 'qr-paused', shown: 1 }, now)).toEqual({
      title: 'Shop: Conexão pausada',
      body: 'Nenhum código QR foi escaneado (1 mostrado). Peça um novo código QR quando estiver com o celular em mãos.',
    });
    expect(noticeText(notice, { kind: 'qr-paused', shown: 5 }, now).body).toBe('Nenhum código QR foi escaneado (5 mostrados). Peça um novo código QR quando estiver com o celular em mãos.');
  });

  it("in Brazilian Portuguese, a logged-out or failed account's notice has no English from main", async () => {
    await i18n.changeLanguage('pt-BR');
    const out = noticeText({ label: 'Shop', title: 'Shop: Logged out from your phone', body: 'Logged out from your phone. Link it again to keep using this account here.' }, { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'Logged out from your phone.' }, now);
    expect(out.title).toBe('Shop: Precisa de atenção · desconectada');
    expect(out.body).toMatch(/^A conta foi desconectada pelo seu celular/);
    const failed = noticeText({ label: 'Shop', title: 'Shop: Needs attention', body: 'The browser closed.' }, { kind: 'failed', code: 'BROWSER_EXITED', message: 'The browser closed.' }, now);
    expect(failed).toEqual({ title: 'Shop: Precisa de atenção · falhou', body: 'O navegador desta conta fechou inesperadamente.' });
  });

  it('in Brazilian Portuguese, an account that has recovered says how it is now', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(noticeText(notice, { kind: 'ready', phoneNumber: '5511', pushName: 'Shop' }, now)).toEqual({ title: 'Shop: Pronta', body: 'Esta conta precisou de atenção antes; agora está assim.' });
  });
});
