import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLinuxAutostart, HIDDEN_ARG, linuxAutostartEntry, linuxAutostartPath, loginItemSettings, startsHidden } from './loginItem';

const on = { startAtLogin: true, startHidden: true };
const visible = { startAtLogin: true, startHidden: false };
const off = { startAtLogin: false, startHidden: true };

describe('loginItemSettings', () => {
  it('on Windows opens at login with --hidden when the window should stay closed', () => {
    expect(loginItemSettings(on, 'win32')).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    expect(loginItemSettings(visible, 'win32')).toEqual({ openAtLogin: true, args: [] });
    expect(loginItemSettings(off, 'win32')).toEqual({ openAtLogin: false, args: [] });
  });

  it('on macOS sets only openAtLogin (no arguments there; hidden is decided at start)', () => {
    expect(loginItemSettings(on, 'darwin')).toEqual({ openAtLogin: true });
    expect(loginItemSettings(off, 'darwin')).toEqual({ openAtLogin: false });
  });

  it('on Linux leaves it to the autostart entry', () => {
    expect(loginItemSettings(on, 'linux')).toBeNull();
  });
});

describe('startsHidden', () => {
  it('stays hidden when started with --hidden (Windows, Linux) or at login on macOS with "start hidden" on', () => {
    expect(startsHidden({ argv: ['/app', HIDDEN_ARG], openedAtLogin: false, choice: off })).toBe(true);
    expect(startsHidden({ argv: ['/app'], openedAtLogin: true, choice: on })).toBe(true);
  });

  it('opens the window when started by the user, or at login with "start hidden" off', () => {
    expect(startsHidden({ argv: ['/app'], openedAtLogin: false, choice: on })).toBe(false);
    expect(startsHidden({ argv: ['/app'], openedAtLogin: true, choice: visible })).toBe(false);
  });
});

describe('Linux autostart entry', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('lives in the XDG config folder, ~/.config by default', () => {
    expect(linuxAutostartPath({ HOME: '/home/ann' })).toBe('/home/ann/.config/autostart/wa-accounts.desktop');
    expect(linuxAutostartPath({ HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart/wa-accounts.desktop');
    expect(linuxAutostartPath({ HOME: '/home/ann', XDG_CONFIG_HOME: 'relative' })).toBe('/home/ann/.config/autostart/wa-accounts.desktop');
  });

  it('starts the app, hidden when asked, with a path that has spaces quoted', () => {
    const entry = linuxAutostartEntry(on, '/home/ann/Apps/WA Accounts.AppImage')!;
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Exec="/home/ann/Apps/WA Accounts.AppImage" --hidden\n');
    expect(linuxAutostartEntry(visible, '/opt/WA/wa-accounts')).toContain('Exec=/opt/WA/wa-accounts\n');
    expect(linuxAutostartEntry(visible, '/opt/$x/"a"')).toContain('Exec="/opt/\\$x/\\"a\\""\n');
  });

  it('is removed when start at login is off, and refuses a path that would break the file', () => {
    expect(linuxAutostartEntry(off, '/opt/WA/wa-accounts')).toBeNull();
    expect(() => linuxAutostartEntry(on, '/opt/x\nExec=/bin/evil')).toThrow(/line break/);
  });

  it('is written and removed on disk', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'autostart-'));
    dirs.push(home);
    const file = linuxAutostartPath({ HOME: home });
    applyLinuxAutostart(file, linuxAutostartEntry(on, '/opt/WA/wa-accounts'));
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/WA/wa-accounts --hidden');
    applyLinuxAutostart(file, null);
    expect(existsSync(file)).toBe(false);
    applyLinuxAutostart(file, null); // already gone: no error
  });
});
