// How backups read to a person: sizes, "3 min ago", the last-backup line, the failing notice and the
// store kinds. Pure functions, so the wording lives in one place (and is unit-tested).
// Every text is looked up when the function runs (never at module load), so it follows a language change.
import type { BackupStatus, CommandErrorCode, StoreKind } from '../../preload/contract';
import { i18n, isEnglish, t } from '../i18n';
import { durationText } from './sessionView';

/** A kind and its name; `name` is read in the current language each time. */
function storeKind(kind: StoreKind): { kind: StoreKind; readonly name: string } {
  return {
    kind,
    get name() {
      return t(`backupStatus:kinds.${kind}`);
    },
  };
}

export const STORE_KINDS: ReadonlyArray<{ kind: StoreKind; readonly name: string }> = (['s3', 'folder', 'postgres', 'mongo'] as const).map(storeKind);

export function kindName(kind: StoreKind): string {
  return STORE_KINDS.find((k) => k.kind === kind)?.name ?? kind;
}

/** What the secret is called for each kind of store. */
export function secretName(kind: StoreKind): string | null {
  switch (kind) {
    case 's3':
      return t('backupStatus:secret.s3');
    case 'postgres':
    case 'mongo':
      return t('backupStatus:secret.password');
    case 'folder':
      return null;
  }
}

/** "4.1" in English as always; other languages write their own decimal separator ("4,1"). */
function oneDecimal(v: number): string {
  return isEnglish() ? v.toFixed(1) : new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

/** "512 B", "48 KB", "4.1 MB", "1.2 GB" (decimal units, as storage providers bill them). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? oneDecimal(v) : Math.round(v)} ${units[i]}`;
}

/** "just now", "40 s ago", "3 min ago", "2 h ago", "5 days ago". */
export function agoText(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 5) return t('backupStatus:ago.justNow');
  if (s < 60) return t('backupStatus:ago.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('backupStatus:ago.minutes', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('backupStatus:ago.hours', { n: h });
  return t('backupStatus:ago.days', { count: Math.floor(h / 24) });
}

/** "in 12 min", "in 40 s", "now". */
export function inText(at: number, now: number): string {
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return t('backupStatus:in.now');
  if (s < 60) return t('backupStatus:in.seconds', { n: s });
  const m = Math.round(s / 60);
  return m < 120 ? t('backupStatus:in.minutes', { n: m }) : t('backupStatus:in.hours', { n: Math.round(m / 60) });
}

/** How long a backup took: "took 2 s", "took under 1 s", "took 1 min 5 s". */
export function tookText(ms: number): string {
  if (ms < 1000) return t('backupStatus:took.underSecond');
  return t('backupStatus:took.took', { duration: durationText(Math.round(ms / 1000)) });
}

/** "Last backup 3 min ago · 4.1 MB · took 2 s" ("Last good backup …" while backups fail). */
export function lastBackupText(last: NonNullable<BackupStatus['last']>, now: number, lead = t('backupStatus:last.lead')): string {
  return t('backupStatus:last.line', { lead, ago: agoText(last.at, now), size: sizeText(last.size), took: tookText(last.durationMs) });
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Dates and times as English screens have always shown them (the system's locale); other languages
 * in the page's own, so a pt-BR screen does not read "Jan 1" or "2:05 PM". Kept per language and style.
 */
export function dateFormat(style: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>): Intl.DateTimeFormat {
  const locale = isEnglish() ? undefined : i18n.language;
  const key = `${locale ?? ''}|${style.dateStyle ?? ''}|${style.timeStyle ?? ''}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, style)));
  return format;
}

/** A time of day today, with the date when it was another day. */
export function whenText(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return (sameDay ? dateFormat({ timeStyle: 'short' }) : dateFormat({ dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

/** "Failing since 14:02 (5 min ago)". */
export function failingSinceText(failing: NonNullable<BackupStatus['failing']>, now: number): string {
  return t('backupStatus:failing.since', { when: whenText(failing.since, now), ago: agoText(failing.since, now) });
}

/**
 * Why backups fail, in a few words after "Backups are failing:" (main's message says the rest). Backups
 * record whatever code the failing step answered, so every command code has its words: the key is built
 * from the code, so a new code in the contract fails the type check until the English catalog words it.
 */
export function failingTitle(code: CommandErrorCode): string {
  return t('backupStatus:failing.title', { cause: t(`backupStatus:causes.${code}`) });
}

/**
 * Main's sentence about the failure, which it writes in English: other languages show the catalog's
 * sentence for the code instead (typed over every code, like the causes).
 */
export function failingMessage(failing: Pick<NonNullable<BackupStatus['failing']>, 'code' | 'message'>): string {
  return isEnglish() ? failing.message : t(`backupStatus:messages.${failing.code}`);
}

/** "Next try in 2 min", or null when main has no retry scheduled (the account is not running). */
export function nextTryText(failing: NonNullable<BackupStatus['failing']>, now: number): string | null {
  if (failing.nextTryAt === null) return t('backupStatus:failing.noRetry');
  return t('backupStatus:failing.nextTry', { when: inText(failing.nextTryAt, now) });
}

/** The line under the toggle while nothing is wrong: what happened last and what comes next. */
export function waitingText(status: BackupStatus, now: number): string {
  if (status.last) return status.nextAt !== null ? t('backupStatus:waiting.next', { when: inText(status.nextAt, now) }) : t('backupStatus:waiting.whileReady');
  return status.nextAt !== null ? t('backupStatus:waiting.firstAt', { when: inText(status.nextAt, now) }) : t('backupStatus:waiting.firstSoon');
}
