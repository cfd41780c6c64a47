// Main's own words: the tray, its tooltip and badge text, the "still running" notice, OS notifications
// and the window title, in the language of the person's setting (preload/settings.ts). A separate
// i18next instance from the renderer's (renderer/i18n/): main has one namespace, `desktop`, and its
// keys are typed here by a wrapper rather than by a global module augmentation, which would clash
// with the renderer's. scripts/catalogs.test.ts checks that pt-BR has every key English has.
import i18next from 'i18next';
import { LANGUAGES, resolveLanguage, type Language, type LanguageSetting } from '../../preload/settings';
import en from './locales/en/desktop.json';
import ptBR from './locales/pt-BR/desktop.json';

const instance = i18next.createInstance();

void instance.init({
  resources: { en: { desktop: en }, 'pt-BR': { desktop: ptBR } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: ['desktop'],
  defaultNS: 'desktop',
  // Catalogs are in memory: translating works as soon as this module is loaded.
  initAsync: false,
  // Nothing here is HTML: an account called "A&B" stays "A&B" in a menu or a notification.
  interpolation: { escapeValue: false },
  returnNull: false,
});

type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralForm}` ? Base : K;

/** Every key of the English catalog (plural forms named once, as t() is called: `tray.unread` with `count`). */
export type DesktopKey = WithoutPlural<Leaves<typeof en>>;
export type DesktopVars = Record<string, string | number>;

// Called through a plain signature: whatever types i18next's own t() carries, keys are checked by DesktopKey.
const translate = instance.t.bind(instance) as unknown as (key: string, vars?: DesktopVars) => string;

/** The text of `key` in main's current language; `count` in vars picks the plural form. */
export function tm(key: DesktopKey, vars?: DesktopVars): string {
  return translate(key, vars);
}

/**
 * Switches main's words to the setting's language; returns the language chosen. Callers re-render what
 * already shows words (the tray), since a menu does not update itself.
 */
export function setMainLanguage(setting: LanguageSetting, systemLocale: string | readonly string[]): Language {
  const lang = resolveLanguage(setting, systemLocale);
  // Synchronous: every resource is bundled, so the change is done when this returns.
  if (instance.language !== lang) void instance.changeLanguage(lang);
  return lang;
}

export function mainLanguage(): Language {
  return instance.language === 'pt-BR' ? 'pt-BR' : 'en';
}

/** Main's own English messages (a failure's message, a logout's) are shown as they are only in English. */
export function mainIsEnglish(): boolean {
  return mainLanguage() === 'en';
}
