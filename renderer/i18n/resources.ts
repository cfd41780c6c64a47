// Every catalog the renderer uses, one JSON file per namespace and language (renderer/i18n/locales/).
// English is the source: its shape types every t() call (renderer/i18n/i18next.d.ts), so a key that is
// not in the English catalog fails the type check; scripts/catalogs.test.ts fails when another language
// lacks a key English has, or has one English does not.
import enAccounts from './locales/en/accounts.json';
import enApi from './locales/en/api.json';
import enApp from './locales/en/app.json';
import enBackup from './locales/en/backup.json';
import enBackupStatus from './locales/en/backupStatus.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enSession from './locales/en/session.json';
import enSettings from './locales/en/settings.json';
import ptAccounts from './locales/pt-BR/accounts.json';
import ptApi from './locales/pt-BR/api.json';
import ptApp from './locales/pt-BR/app.json';
import ptBackup from './locales/pt-BR/backup.json';
import ptBackupStatus from './locales/pt-BR/backupStatus.json';
import ptCommon from './locales/pt-BR/common.json';
import ptErrors from './locales/pt-BR/errors.json';
import ptSession from './locales/pt-BR/session.json';
import ptSettings from './locales/pt-BR/settings.json';

export const en = { common: enCommon, app: enApp, accounts: enAccounts, session: enSession, backup: enBackup, backupStatus: enBackupStatus, api: enApi, settings: enSettings, errors: enErrors };
export type Catalog = typeof en;
export type Namespace = keyof Catalog;
export const NAMESPACES = Object.keys(en) as Namespace[];

/** The other languages need not match English's types key for key here: the catalogs test checks that. */
export const resources: Record<string, Record<Namespace, object>> = {
  en,
  'pt-BR': { common: ptCommon, app: ptApp, accounts: ptAccounts, session: ptSession, backup: ptBackup, backupStatus: ptBackupStatus, api: ptApi, settings: ptSettings, errors: ptErrors },
};
