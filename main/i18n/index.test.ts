import { afterEach, describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../preload/settings';
import { mainIsEnglish, mainLanguage, setMainLanguage, tm } from './index';

afterEach(() => {
  setMainLanguage('en', 'en-US');
});

describe('main language', () => {
  it('starts in English', () => {
    expect(mainLanguage()).toBe('en');
    expect(mainIsEnglish()).toBe(true);
    expect(tm('tray.addAccount')).toBe('Add account');
  });

  it('follows the setting, and for "system" the computer’s locale: any Portuguese is pt-BR, anything else English', () => {
    expect(resolveLanguage('pt-BR', 'en-US')).toBe('pt-BR');
    expect(resolveLanguage('en', 'pt-BR')).toBe('en');
    for (const locale of ['pt-BR', 'pt', 'pt-PT', 'PT_br']) expect(resolveLanguage('system', locale)).toBe('pt-BR');
    for (const locale of ['en-US', 'de', 'fr-FR', '', 'ptx']) expect(resolveLanguage('system', locale)).toBe('en');
    // Several preferred languages: the first English or Portuguese one decides (as the window does).
    expect(resolveLanguage('system', ['de-DE', 'pt-BR', 'en-US'])).toBe('pt-BR');
    expect(resolveLanguage('system', ['en-GB', 'pt-BR'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
  });

  it('switches every word at once and back again', () => {
    expect(setMainLanguage('system', 'pt-BR')).toBe('pt-BR');
    expect(mainLanguage()).toBe('pt-BR');
    expect(mainIsEnglish()).toBe(false);
    expect(tm('tray.addAccount')).toBe('Adicionar conta');
    expect(setMainLanguage('system', 'de-DE')).toBe('en');
    expect(tm('tray.addAccount')).toBe('Add account');
  });
});

describe('tm', () => {
  it('picks plural forms by count, pt-BR’s "many" included', () => {
    expect(tm('tray.unread', { count: 1 })).toBe('1 unread message');
    expect(tm('tray.unread', { count: 2 })).toBe('2 unread messages');
    setMainLanguage('pt-BR', 'en-US');
    expect(tm('tray.unread', { count: 1 })).toBe('1 mensagem não lida');
    expect(tm('tray.unread', { count: 3 })).toBe('3 mensagens não lidas');
    expect(new Intl.PluralRules('pt-BR').select(1_000_000)).toBe('many');
    expect(tm('tray.unread', { count: 1_000_000 })).toBe('1000000 mensagens não lidas');
  });

  it('puts names in as they are, without HTML escaping', () => {
    expect(tm('notice.newMessage', { label: 'A&B <shop>' })).toBe('New message on A&B <shop>');
  });
});
