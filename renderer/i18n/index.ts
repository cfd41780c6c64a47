// The renderer's translations: i18next with every catalog bundled (renderer/i18n/resources.ts), so the
// first paint is already in the person's language and nothing is fetched. Components use
// useTranslation(ns); plain view modules (sessionView.ts, backupView.ts, …) call `t` from here and are
// re-run when App re-renders on a language change.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, resolveLanguage, type Language, type LanguageSetting } from '../../preload/settings';
import { NAMESPACES, resources } from './resources';

export const i18n: I18n = i18next.createInstance();

/** The language this window showed last, so its first paint is in it before main's settings arrive. */
const LAST_LANGUAGE_KEY = 'wa-accounts.language';

function lastLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LAST_LANGUAGE_KEY);
    return LANGUAGES.find((l) => l === stored) ?? 'en';
  } catch {
    return 'en';
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: lastLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: NAMESPACES,
  defaultNS: 'common',
  // Catalogs are in memory: init finishes before the first render.
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" in labels.
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export const t: I18n['t'] = i18n.t.bind(i18n);

/** The browser's preferred languages, for the setting 'system'. */
export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/** Switches every component (and the page's lang attribute, for screen readers) to the setting's language. */
export function applyLanguage(setting: LanguageSetting): Language {
  const lang = resolveLanguage(setting, browserLanguages());
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  try {
    globalThis.localStorage?.setItem(LAST_LANGUAGE_KEY, lang);
  } catch {
    // Storage may be off (private mode): the window then starts in English until the settings arrive.
  }
  return lang;
}

/** Main writes its messages in English: other languages show the catalog's sentence for the message's code instead. */
export function isEnglish(): boolean {
  return i18n.language === 'en';
}
