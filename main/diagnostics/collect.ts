// What a diagnostics zip holds, built from the app's own views. Each part is chosen field by field
// (an allow-list, not a deny-list), so a field added to the contract later stays out until someone
// decides it is safe to send; scrub.ts then runs over all of it once more.
import { readFile } from 'node:fs/promises';
import { arch, platform, release, type } from 'node:os';
import { basename } from 'node:path';
import type { Account, AppInfo, SessionState, StoreSettings, StoreView, TimelineEntry } from '../../preload/contract';
import type { AppSettings } from '../../preload/settings';
import { scrubLog, scrubValue } from './scrub';

export interface DiagnosticsSources {
  info(): AppInfo;
  accounts(): Account[];
  timeline(accountId: string): TimelineEntry[];
  stores(): Promise<StoreView[]>;
  /** The log files to include, oldest first (main/logFile.ts LogFile.paths). */
  logFiles(): string[];
  /** The Settings screen's choices (main/settings/SettingsService.ts). */
  appSettings?(): AppSettings;
}

export interface DiagnosticsEntry {
  /** Path inside the zip. */
  name: string;
  content: string;
}

const README = `WA Accounts diagnostics

versions.json   the app, its libraries and the operating system
settings.json   the app's settings, backup stores and per-account backup settings, without secrets
timelines/      each account's state now and its history of states (times, states, reasons)
logs/           the app's recent log files

Left out on purpose: phone numbers, names, QR codes, pairing codes, passwords, keys, tokens and
message text. Account labels are left out too; accounts are named by their id.
`;

export async function collectDiagnostics(src: DiagnosticsSources, now: Date): Promise<DiagnosticsEntry[]> {
  const accounts = src.accounts();
  const json = (name: string, value: unknown): DiagnosticsEntry => ({ name, content: JSON.stringify(scrubValue(value), null, 2) + '\n' });
  const entries: DiagnosticsEntry[] = [
    { name: 'README.txt', content: README },
    json('versions.json', versions(src.info(), now)),
    json('settings.json', { app: src.appSettings ? appSettingsSummary(src.appSettings()) : null, stores: (await src.stores()).map(storeSummary), accounts: accounts.map(backupSummary) }),
    // Numbered, not named by id: an id restored from another tool may be a phone number (scrubbed inside).
    ...accounts.map((a, i) =>
      json(`timelines/account-${i + 1}.json`, {
        ...accountSummary(a),
        timeline: src.timeline(a.id).map(({ at, state, reason }) => ({ at, time: new Date(at).toISOString(), state, reason })),
      }),
    ),
  ];
  for (const file of src.logFiles()) {
    // A file rotated away between listing and reading is simply not there any more.
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) entries.push({ name: `logs/${basename(file)}`, content: scrubLog(text) });
  }
  return entries;
}

/** The app's settings as they are, but the browser path: only its program's name (a folder may name the person). */
export function appSettingsSummary(s: AppSettings) {
  return {
    language: s.language,
    browser: s.browserPath === null ? 'automatic' : `chosen: ${basename(s.browserPath.replace(/\\/g, '/'))}`,
    startAtLogin: s.startAtLogin,
    startHidden: s.startHidden,
    closeBehaviour: s.closeBehaviour,
    notifications: s.notifications,
    backupIntervalMin: s.backupIntervalMin,
  };
}

function versions(info: AppInfo, now: Date) {
  return {
    exportedAt: now.toISOString(),
    app: { name: info.name, version: info.version, host: info.host },
    whatsappWebJs: info.versions.whatsappWebJs,
    node: info.versions.node,
    electron: info.versions.electron,
    chrome: info.versions.chrome,
    os: { platform: platform(), type: type(), release: release(), arch: arch() },
  };
}

function storeSummary(store: StoreView) {
  return { id: store.id, name: store.name, kind: store.settings.kind, settings: storeSettings(store.settings), hasSecret: store.hasSecret };
}

/** The settings a support person needs to tell a wrong host or bucket; an access key id is left out. */
function storeSettings(s: StoreSettings): Record<string, unknown> {
  switch (s.kind) {
    case 'folder':
      return { path: s.path };
    case 's3':
      return { endpoint: s.endpoint ? withoutUserInfo(s.endpoint) : null, region: s.region, bucket: s.bucket, prefix: s.prefix ?? null, forcePathStyle: s.forcePathStyle ?? null, insecure: s.insecure ?? false, accessKeyId: '[set]' };
    case 'postgres':
      return { host: s.host, port: s.port, database: s.database, ssl: s.ssl ?? null, insecure: s.insecure ?? false };
    case 'mongo':
      return { host: s.host, port: s.port, database: s.database, authSource: s.authSource ?? null, insecure: s.insecure ?? false };
  }
}

function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '[not a URL]';
  }
}

function backupSummary(a: Account) {
  const { enabled, storeId, intervalMin, encrypt, activity, last, failing, nextAt } = a.backup;
  return { id: a.id, backup: { enabled, storeId, intervalMin, encrypt, activity, last, failing, nextAt } };
}

function accountSummary(a: Account) {
  return { id: a.id, createdAt: a.createdAt, running: a.running, linked: a.linked, session: sessionSummary(a.session) };
}

/** The state's kind and its reason; never the QR, the pairing code, the number or the name. */
function sessionSummary(s: SessionState): Record<string, unknown> {
  switch (s.kind) {
    case 'starting':
      return { kind: s.kind, phase: s.phase };
    case 'qr':
    case 'qr-paused':
      return { kind: s.kind, shown: s.shown };
    case 'syncing':
      return { kind: s.kind, percent: s.percent };
    case 'reconnecting':
      return { kind: s.kind, attempt: s.attempt, reason: s.reason };
    case 'logged-out':
      return { kind: s.kind, reason: s.reason, message: s.message };
    case 'failed':
      return { kind: s.kind, code: s.code, message: s.message };
    default:
      return { kind: s.kind };
  }
}
