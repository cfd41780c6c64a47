import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../preload/contract';
import { setMainLanguage } from '../i18n';
import { nextAccountLabel, trayIndicator, trayMenuModel, unreadTotal, type TrayAccount, type TrayMenuItem, type TrayState } from './trayModel';

const READY: SessionState = { kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' };
const QR: SessionState = { kind: 'qr', qr: '2@abc', qrImage: 'data:image/png;base64,', expiresAt: 0, shown: 1, limit: 5 };
const UNLINKED: SessionState = { kind: 'logged-out', reason: 'unlinked-from-phone', message: 'Logged out from the phone' };
const LOGGED_OUT_HERE: SessionState = { kind: 'logged-out', reason: 'logged-out-here', message: 'Logged out' };
const FAILED: SessionState = { kind: 'failed', code: 'BROWSER_EXITED', message: 'The browser closed' };
const STOPPED: SessionState = { kind: 'stopped' };

const acc = (id: string, session: SessionState, running = session.kind !== 'stopped'): TrayAccount => ({ id, running, session });
const state = (over: Partial<TrayState> = {}): TrayState => ({ pausedIds: [], unread: 0, startAtLogin: false, startHidden: true, keepRunning: true, busy: false, ...over });

function item(items: TrayMenuItem[], id: string) {
  const found = items.find((i) => i.type !== 'separator' && i.id === id);
  if (!found || found.type === 'separator') throw new Error(`no item ${id}`);
  return found;
}
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('trayMenuModel', () => {
  it('heads the menu with how many are ready and how many need attention, then the actions', () => {
    const items = trayMenuModel([acc('a', READY), acc('b', READY), acc('c', UNLINKED), acc('d', QR)], state());
    expect(labels(items)).toEqual([
      '2 of 4 accounts ready',
      '1 needs attention',
      '---',
      'Show WA Accounts',
      'Add account',
      'Pause all (4 running)',
      'Resume all',
      '---',
      'Keep running when the window is closed',
      'Start at login',
      'At login, start without a window',
      '---',
      'Quit WA Accounts',
    ]);
    expect(item(items, 'status-ready').enabled).toBe(false);
    expect(item(items, 'show').enabled).toBe(true);
    expect(item(items, 'quit').enabled).toBe(true);
  });

  it('counts failures and phone-side logouts as needing attention, not a logout made here', () => {
    const items = trayMenuModel([acc('a', FAILED), acc('b', UNLINKED), acc('c', LOGGED_OUT_HERE, false)], state());
    expect(item(items, 'status-attention').label).toBe('2 need attention');
    expect(item(items, 'status-ready').label).toBe('0 of 3 accounts ready');
    expect(labels(trayMenuModel([acc('a', READY)], state()))).toContain('None needs attention');
  });

  it('says so when there are no accounts, and offers nothing to pause or resume', () => {
    const items = trayMenuModel([], state());
    expect(labels(items)[0]).toBe('No accounts yet');
    expect(item(items, 'pause-all').enabled).toBe(false);
    expect(item(items, 'resume-all').enabled).toBe(false);
  });

  it('offers Resume all only for accounts Pause all stopped that are still stopped', () => {
    const accounts = [acc('a', STOPPED, false), acc('b', STOPPED, false), acc('c', READY)];
    const items = trayMenuModel(accounts, state({ pausedIds: ['a', 'c', 'gone'] }));
    // c was started again by hand, 'gone' was removed: only a is left to resume; b was stopped by the user.
    expect(item(items, 'resume-all')).toMatchObject({ label: 'Resume all (1 paused)', enabled: true });
    expect(item(items, 'pause-all')).toMatchObject({ label: 'Pause all (1 running)', enabled: true });
  });

  it('disables Pause all and Resume all while one of them is under way', () => {
    const items = trayMenuModel([acc('a', READY), acc('b', STOPPED, false)], state({ pausedIds: ['b'], busy: true }));
    expect(item(items, 'pause-all').enabled).toBe(false);
    expect(item(items, 'resume-all').enabled).toBe(false);
  });

  it('shows the unread total when there is one', () => {
    expect(labels(trayMenuModel([acc('a', READY)], state({ unread: 3 })))).toContain('3 unread messages');
    expect(labels(trayMenuModel([acc('a', READY)], state({ unread: 1 })))).toContain('1 unread message');
    expect(labels(trayMenuModel([acc('a', READY)], state())).join()).not.toMatch(/unread/);
  });

  it('ticks the login and close choices as stored; "without a window" only applies with start at login', () => {
    const off = trayMenuModel([], state({ keepRunning: false }));
    expect(item(off, 'keep-running')).toMatchObject({ type: 'checkbox', checked: false });
    expect(item(off, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: false });
    expect(item(off, 'start-hidden').enabled).toBe(false);
    const on = trayMenuModel([], state({ startAtLogin: true, startHidden: false }));
    expect(item(on, 'start-at-login')).toMatchObject({ checked: true });
    expect(item(on, 'start-hidden')).toMatchObject({ enabled: true, checked: false });
  });
});

describe('trayIndicator', () => {
  it('attention wins: the attention icon, "!" on the dock, an overlay naming it, unread still counted', () => {
    expect(trayIndicator([acc('a', READY), acc('b', FAILED)], 4)).toEqual({
      icon: 'attention',
      tooltip: 'WA Accounts: 1 of 2 ready, 1 needs attention, 4 unread messages',
      badgeCount: 4,
      dockText: '!',
      overlay: '1 account needs attention',
    });
  });

  it('unread only: the unread icon and the total on the badge (99+ on the dock)', () => {
    expect(trayIndicator([acc('a', READY)], 7)).toMatchObject({ icon: 'unread', badgeCount: 7, dockText: '7', overlay: '7 unread messages' });
    expect(trayIndicator([acc('a', READY)], 250).dockText).toBe('99+');
  });

  it('nothing to see: the plain icon and no badge', () => {
    expect(trayIndicator([acc('a', READY)], 0)).toEqual({ icon: 'normal', tooltip: 'WA Accounts: 1 of 1 ready', badgeCount: 0, dockText: '', overlay: null });
    expect(trayIndicator([], 0).tooltip).toBe('WA Accounts: no accounts');
  });
});

describe('unreadTotal', () => {
  it('adds every account’s unread count from accounts.activity, ignoring nonsense', () => {
    expect(unreadTotal([{ unread: 2 }, { unread: 5 }, { unread: 0 }])).toBe(7);
    expect(unreadTotal([{ unread: -3 }, { unread: Number.NaN }, { unread: 1 }])).toBe(1);
    expect(unreadTotal([])).toBe(0);
  });
});

describe('nextAccountLabel', () => {
  it('names the new account after the count, skipping names already taken', () => {
    expect(nextAccountLabel([])).toBe('Account 1');
    expect(nextAccountLabel(['Work', 'Home'])).toBe('Account 3');
    expect(nextAccountLabel(['Work', 'account 2'])).toBe('Account 3');
    expect(nextAccountLabel(['Account 2', 'Account 3'])).toBe('Account 4');
  });
});

describe('in Brazilian Portuguese', () => {
  afterEach(() => {
    setMainLanguage('en', 'en-US');
  });

  it('words the whole menu from the catalog, plurals included', () => {
    setMainLanguage('system', 'pt-BR');
    const items = trayMenuModel([acc('a', READY), acc('b', FAILED), acc('c', UNLINKED), acc('d', STOPPED, false)], state({ pausedIds: ['d'], unread: 1 }));
    expect(labels(items)).toEqual([
      '1 de 4 contas prontas',
      '2 precisam de atenção',
      '1 mensagem não lida',
      '---',
      'Mostrar o WA Accounts',
      'Adicionar conta',
      'Pausar todas (3 em execução)',
      'Retomar todas (1 pausada)',
      '---',
      'Continuar em execução ao fechar a janela',
      'Iniciar ao entrar no computador',
      'Ao entrar no computador, iniciar sem janela',
      '---',
      'Sair do WA Accounts',
    ]);
    expect(labels(trayMenuModel([acc('a', READY)], state()))).toEqual(expect.arrayContaining(['1 de 1 conta pronta', 'Nenhuma precisa de atenção']));
    expect(labels(trayMenuModel([], state()))[0]).toBe('Nenhuma conta ainda');
  });

  it('words the tooltip and the overlay, and names a new account "Conta N"', () => {
    setMainLanguage('pt-BR', 'en-US');
    expect(trayIndicator([acc('a', READY), acc('b', FAILED)], 4)).toMatchObject({
      tooltip: 'WA Accounts: 1 de 2 prontas, 1 precisa de atenção, 4 mensagens não lidas',
      overlay: '1 conta precisa de atenção',
    });
    expect(trayIndicator([acc('a', READY)], 1).overlay).toBe('1 mensagem não lida');
    expect(trayIndicator([], 0).tooltip).toBe('WA Accounts: nenhuma conta');
    expect(nextAccountLabel(['Trabalho', 'conta 2'])).toBe('Conta 3');
  });

  it('goes back to the English words when the setting does', () => {
    setMainLanguage('pt-BR', 'en-US');
    setMainLanguage('en', 'pt-BR');
    expect(labels(trayMenuModel([], state()))[0]).toBe('No accounts yet');
  });
});
