import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AppSettings } from '../../preload/settings';
import { AppDatabase } from '../db/AppDatabase';
import { SettingsRepo } from '../db/SettingsRepo';
import { AppError } from '../errors';
import { createLogger } from '../log';
import { SettingsService } from './SettingsService';

const dirs: string[] = [];
const open: AppDatabase[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'settings-'));
  dirs.push(d);
  return d;
}

function service(dir: string, checkBrowser: (p: string) => Promise<{ path: string; version: string }> = async (p) => ({ path: p, version: 'Chrome/1' })) {
  const db = AppDatabase.open(dir);
  open.push(db);
  const lines: string[] = [];
  const settings = new SettingsService({ repo: new SettingsRepo(db.db), checkBrowser, log: createLogger((l) => lines.push(l)) });
  const changes: AppSettings[] = [];
  settings.on('changed', (s) => changes.push(s));
  return { settings, db, lines, changes };
}

function reopen(dir: string) {
  open.splice(0).forEach((d) => d.close());
  return service(dir);
}

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('SettingsService', () => {
  it('starts with the defaults: system language, the app finds a browser, closing keeps running, notifications on, 15 minutes', () => {
    expect(service(folder()).settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'system', browserPath: null, closeBehaviour: 'keep-running', notifications: true, backupIntervalMin: 15, startAtLogin: false });
  });

  it('keeps changes across restarts and announces each change once, with every setting', async () => {
    const dir = folder();
    const a = service(dir);
    await a.settings.update({ language: 'pt-BR', backupIntervalMin: 60, notifications: false });
    await a.settings.update({ language: 'pt-BR' });
    expect(a.changes).toEqual([{ ...DEFAULT_SETTINGS, language: 'pt-BR', backupIntervalMin: 60, notifications: false }]);
    expect(reopen(dir).settings.get()).toMatchObject({ language: 'pt-BR', backupIntervalMin: 60, notifications: false, closeBehaviour: 'keep-running' });
  });

  it('a stored value that no longer fits falls back to its default alone, with a warning that names only the key', () => {
    const dir = folder();
    const a = service(dir);
    a.db.db.prepare("INSERT INTO app_settings VALUES ('language', '\"klingon\"'), ('backupIntervalMin', '30'), ('somethingNewer', 'true')").run();
    const b = reopen(dir);
    expect(b.settings.get()).toMatchObject({ language: 'system', backupIntervalMin: 30 });
    expect(b.lines.join('\n')).toMatch(/"setting":"language"/);
    expect(b.lines.join('\n')).not.toMatch(/klingon/);
  });

  it('refuses a bad value with INVALID_INPUT naming the field, and saves nothing', async () => {
    const dir = folder();
    const a = service(dir);
    const err = await failure(a.settings.update({ backupIntervalMin: 0 }));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'backupIntervalMin', message: 'Type a number of minutes from 1 to 1440' });
    expect((await failure(a.settings.update({ closeBehaviour: 'explode' as never }))).code).toBe('INVALID_INPUT');
    expect((await failure(a.settings.update({ browserPath: 'chromium' }))).message).toMatch(/full path/);
    expect(a.changes).toEqual([]);
    expect(reopen(dir).settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves a browser path only once that browser started; a browser that does not start leaves the old one', async () => {
    const checked: string[] = [];
    const a = service(folder(), async (p) => {
      checked.push(p);
      if (p.includes('broken')) throw new AppError('BROWSER_UNUSABLE', `${p} did not start as a browser: it exited`, 'browserPath');
      return { path: p, version: 'Chrome/131' };
    });
    await a.settings.update({ browserPath: '/opt/good/chrome' });
    expect((await failure(a.settings.update({ browserPath: '/opt/broken/chrome', language: 'en' }))).code).toBe('BROWSER_UNUSABLE');
    expect(a.settings.get()).toMatchObject({ browserPath: '/opt/good/chrome', language: 'system' });
    // Back to "find one for me": nothing to start.
    await a.settings.update({ browserPath: null });
    expect(checked).toEqual(['/opt/good/chrome', '/opt/broken/chrome']);
    expect(a.settings.get().browserPath).toBeNull();
  });

  it('changes apply in the order they were asked, even when the first waits for a slow browser check', async () => {
    let release!: () => void;
    const a = service(folder(), (p) => new Promise((resolve) => (release = () => resolve({ path: p, version: 'Chrome/1' }))));
    const slow = a.settings.update({ browserPath: '/opt/chrome', backupIntervalMin: 20 });
    const fast = a.settings.update({ backupIntervalMin: 30 });
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all([slow, fast]);
    expect(a.settings.get()).toMatchObject({ browserPath: '/opt/chrome', backupIntervalMin: 30 });
  });

  it('a database it cannot write says SAVE_FAILED and keeps the old value', async () => {
    const dir = folder();
    const a = service(dir);
    a.db.db.exec('CREATE TRIGGER no_writes BEFORE INSERT ON app_settings BEGIN SELECT RAISE(ABORT, \'disk I/O error\'); END;');
    const err = await failure(a.settings.update({ notifications: false }));
    expect(err).toMatchObject({ code: 'SAVE_FAILED', message: expect.stringMatching(/could not be saved: disk I\/O error/) });
    expect(a.settings.get().notifications).toBe(true);
    expect(a.changes).toEqual([]);
  });

  it("keeps the desktop shell's own state apart from the settings the screen shows", () => {
    const dir = folder();
    const a = service(dir);
    a.settings.setDesktopState({ closeNoticeShown: true, pausedIds: ['acc-1'] });
    expect(a.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(reopen(dir).settings.desktopState()).toEqual({ closeNoticeShown: true, pausedIds: ['acc-1'] });
    expect(() => a.settings.setDesktopState({ pausedIds: ['../etc'] })).toThrow();
  });
});
