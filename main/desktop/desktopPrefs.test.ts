import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../db/AppDatabase';
import { SettingsRepo } from '../db/SettingsRepo';
import { createLogger } from '../log';
import { SettingsService } from '../settings/SettingsService';
import { desktopPrefs, importLegacyPrefs, LEGACY_PREFS_FILE } from './desktopPrefs';

const dirs: string[] = [];
const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'desktop-prefs-'));
  dirs.push(d);
  return d;
}
function settingsIn(dir: string) {
  dbs.splice(0).forEach((d) => d.close());
  const db = AppDatabase.open(dir);
  dbs.push(db);
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l));
  return { settings: new SettingsService({ repo: new SettingsRepo(db.db), checkBrowser: async (p) => ({ path: p, version: 'Chrome/1' }), log }), log, lines };
}

describe('desktop prefs', () => {
  it('start with the defaults: closing keeps the accounts running, no start at login', () => {
    expect(desktopPrefs(settingsIn(folder()).settings).get()).toEqual({ closeBehaviour: 'keep-running', startAtLogin: false, startHidden: true, closeNoticeShown: false, pausedIds: [] });
  });

  it('keep a change across restarts in the settings table; the choices show in Settings, the shell state does not', async () => {
    const dir = folder();
    const { settings } = settingsIn(dir);
    const seen: unknown[] = [];
    settings.on('changed', (s) => seen.push(s));
    await desktopPrefs(settings).update({ startAtLogin: true, closeBehaviour: 'quit', pausedIds: ['acc-1'] });
    expect(seen).toEqual([expect.objectContaining({ startAtLogin: true, closeBehaviour: 'quit' })]);
    expect(seen[0]).not.toHaveProperty('pausedIds');
    expect(desktopPrefs(settingsIn(dir).settings).get()).toMatchObject({ startAtLogin: true, closeBehaviour: 'quit', pausedIds: ['acc-1'], startHidden: true });
  });

  it('refuse a value outside the shape instead of saving it', async () => {
    const { settings } = settingsIn(folder());
    await expect(desktopPrefs(settings).update({ closeBehaviour: 'nonsense' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(settings.get().closeBehaviour).toBe('keep-running');
  });
});

describe('the old desktop.json', () => {
  it('is taken over once into the settings and removed; one bad value falls back alone', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, LEGACY_PREFS_FILE), JSON.stringify({ closeBehaviour: 'quit', startAtLogin: true, startHidden: 'maybe', closeNoticeShown: true, pausedIds: ['ok-1', '../etc'] }));
    const { settings, log } = settingsIn(dir);
    await importLegacyPrefs(dir, settings, log);
    expect(existsSync(path.join(dir, LEGACY_PREFS_FILE))).toBe(false);
    expect(desktopPrefs(settingsIn(dir).settings).get()).toEqual({ closeBehaviour: 'quit', startAtLogin: true, startHidden: true, closeNoticeShown: true, pausedIds: [] });
  });

  it('never overwrites choices already in the settings', async () => {
    const dir = folder();
    const { settings, log } = settingsIn(dir);
    await settings.update({ closeBehaviour: 'keep-running', startAtLogin: true });
    writeFileSync(path.join(dir, LEGACY_PREFS_FILE), JSON.stringify({ closeBehaviour: 'quit', startAtLogin: false }));
    await importLegacyPrefs(dir, settings, log);
    expect(settings.get()).toMatchObject({ closeBehaviour: 'keep-running', startAtLogin: true });
    expect(existsSync(path.join(dir, LEGACY_PREFS_FILE))).toBe(false);
  });

  it('a broken file is removed with a warning that names no content; the defaults apply', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, LEGACY_PREFS_FILE), '{"startAtLogin": tru');
    const { settings, log, lines } = settingsIn(dir);
    await importLegacyPrefs(dir, settings, log);
    expect(lines.join('\n')).toMatch(/unreadable; using the defaults/);
    expect(lines.join('\n')).not.toMatch(/tru/);
    expect(existsSync(path.join(dir, LEGACY_PREFS_FILE))).toBe(false);
    expect(desktopPrefs(settings).get().startAtLogin).toBe(false);
  });

  it('no file: nothing happens', async () => {
    const dir = folder();
    const { settings, log } = settingsIn(dir);
    await importLegacyPrefs(dir, settings, log);
    expect(settings.get().startAtLogin).toBe(false);
  });
});
