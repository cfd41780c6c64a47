import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { DEFAULT_DESKTOP_PREFS, DESKTOP_PREFS_FILE, DesktopPrefsFile } from './desktopPrefs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'desktop-prefs-'));
  dirs.push(d);
  return d;
}
function logged(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger((l) => lines.push(l)), lines };
}

describe('DesktopPrefsFile', () => {
  it('starts with the defaults: closing keeps the accounts running, no start at login', () => {
    const prefs = DesktopPrefsFile.inDataFolder(folder(), logged().log);
    expect(prefs.get()).toEqual({ closeBehaviour: 'keep-running', startAtLogin: false, startHidden: true, closeNoticeShown: false, pausedIds: [] });
  });

  it('keeps a change across restarts, in a file only this user can read, with no temp file left', () => {
    const dir = folder();
    DesktopPrefsFile.inDataFolder(dir, logged().log).update({ startAtLogin: true, closeBehaviour: 'quit', pausedIds: ['acc-1'] });
    const again = DesktopPrefsFile.inDataFolder(dir, logged().log);
    expect(again.get()).toMatchObject({ startAtLogin: true, closeBehaviour: 'quit', pausedIds: ['acc-1'], startHidden: true });
    expect(readdirSync(dir)).toEqual([DESKTOP_PREFS_FILE]);
    if (process.platform !== 'win32') expect(statSync(path.join(dir, DESKTOP_PREFS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a broken file gives the defaults and a warning that names no content', () => {
    const dir = folder();
    writeFileSync(path.join(dir, DESKTOP_PREFS_FILE), '{"startAtLogin": tru');
    const { log, lines } = logged();
    expect(DesktopPrefsFile.inDataFolder(dir, log).get()).toEqual(DEFAULT_DESKTOP_PREFS);
    expect(lines.join('\n')).toMatch(/unreadable; using the defaults/);
  });

  it('one bad value falls back alone; the other choices survive', () => {
    const dir = folder();
    writeFileSync(path.join(dir, DESKTOP_PREFS_FILE), JSON.stringify({ closeBehaviour: 'explode', startAtLogin: true, pausedIds: ['ok-1', '../etc'] }));
    expect(DesktopPrefsFile.inDataFolder(dir, logged().log).get()).toMatchObject({ closeBehaviour: 'keep-running', startAtLogin: true, pausedIds: [] });
  });

  it('refuses a value outside the shape instead of writing it', () => {
    const dir = folder();
    const prefs = DesktopPrefsFile.inDataFolder(dir, logged().log);
    prefs.update({ closeBehaviour: 'nonsense' as never });
    expect(prefs.get().closeBehaviour).toBe('keep-running');
    expect(JSON.parse(readFileSync(path.join(dir, DESKTOP_PREFS_FILE), 'utf8'))).toMatchObject({ closeBehaviour: 'keep-running' });
  });

  it('a folder it cannot write keeps the change for this run and warns', () => {
    const dir = folder();
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const { log, lines } = logged();
    const prefs = new DesktopPrefsFile(path.join(file, DESKTOP_PREFS_FILE), log);
    expect(prefs.update({ closeNoticeShown: true }).closeNoticeShown).toBe(true);
    expect(lines.join('\n')).toMatch(/could not save the desktop preferences/);
  });
});
