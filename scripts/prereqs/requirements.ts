// What the test suite needs from the machine, how to tell it is there, and each OS family's package.
// The browser is found exactly as the product finds one (main/browser/findBrowser.ts), with CHROMIUM_PATH
// standing in for the user's setting (e2e/testBrowser.ts).
import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { OsFamily } from '../../main/browser/installCommand';
import { findPgBin } from '../../main/backup/testing/pgBin';
import { testBrowserChoice } from '../../e2e/testBrowser';
import { isExecutableFile as executable } from '../../main/util/executable';

export type RequirementId = 'browser' | 'browser-shell' | 'postgres' | 'openssl' | '7zip' | 'xvfb';

export interface Requirement {
  id: RequirementId;
  /** What a person is told is missing. */
  what: string;
  /** Missing optional programs are installed where we can, and otherwise only mentioned. */
  optional?: boolean;
  /** Each family's package names; null where the family has no package for it. */
  packages: Partial<Record<OsFamily, string[] | null>>;
}

const FOR_EVERY_LINUX = (pkgs: string[]): Partial<Record<OsFamily, string[]>> => ({ linux: pkgs, other: pkgs });

export const REQUIREMENTS: Record<RequirementId, Requirement> = {
  browser: {
    id: 'browser',
    what: 'a Chromium-family browser (Chromium, Chrome, Edge or Brave; or set CHROMIUM_PATH)',
    packages: { debian: ['chromium'], fedora: ['chromium'], arch: ['chromium'], suse: ['chromium'], alpine: ['chromium'], darwin: ['--cask', 'chromium'], win32: ['Google.Chrome'], ...FOR_EVERY_LINUX(['chromium']) },
  },
  'browser-shell': {
    id: 'browser-shell',
    what: "Chromium's headless shell (the accounts' leaner browser; the full browser is used without it)",
    optional: true,
    packages: { debian: ['chromium-headless-shell'] },
  },
  postgres: {
    id: 'postgres',
    what: "PostgreSQL's server programs (initdb, pg_ctl, postgres), for the PostgreSQL store tests",
    packages: { debian: ['postgresql'], fedora: ['postgresql-server'], arch: ['postgresql'], suse: ['postgresql-server'], alpine: ['postgresql'], darwin: ['postgresql@16'], win32: ['PostgreSQL.PostgreSQL.16'], ...FOR_EVERY_LINUX(['postgresql']) },
  },
  openssl: {
    id: 'openssl',
    what: 'openssl, which makes the simulated WhatsApp server its certificate',
    packages: { debian: ['openssl'], fedora: ['openssl'], arch: ['openssl'], suse: ['openssl'], alpine: ['openssl'], darwin: ['openssl@3'], win32: ['ShiningLight.OpenSSL.Light'], ...FOR_EVERY_LINUX(['openssl']) },
  },
  '7zip': {
    id: '7zip',
    what: '7-Zip (7za, 7z or 7zz), for the packaging checks',
    packages: { debian: ['p7zip-full'], fedora: ['p7zip', 'p7zip-plugins'], arch: ['7zip'], suse: ['7zip'], alpine: ['7zip'], darwin: ['sevenzip'], win32: ['7zip.7zip'], ...FOR_EVERY_LINUX(['p7zip']) },
  },
  xvfb: {
    id: 'xvfb',
    what: 'Xvfb, a virtual display for the tests that open a visible window (Debian: with xwininfo and ImageMagick\'s import, which look at it)',
    packages: { debian: ['xvfb', 'x11-utils', 'imagemagick'], fedora: ['xorg-x11-server-Xvfb'], arch: ['xorg-server-xvfb'], suse: ['xvfb-run'], alpine: ['xvfb'], ...FOR_EVERY_LINUX(['xvfb']) },
  },
};

export function onPath(names: string[], env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const exts = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) for (const ext of exts) if (executable(join(dir, name + ext))) return join(dir, name + ext);
  }
  return null;
}

/**
 * Tests that need a display are named `*.display.int.test.ts` or `*.display.spec.ts`; Xvfb is needed
 * only when one exists and the machine has no display of its own.
 */
export function displayTests(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.display\.(int\.test|spec)\.ts$/.test(e.name)) found.push(p);
    }
  };
  for (const top of ['main', 'e2e', 'scripts', 'renderer', 'preload']) walk(join(root, top));
  return found;
}

export interface Probe {
  id: RequirementId;
  /** Where it was found, or null. */
  found: string | null;
  /** False when the machine does not need it (no display test, or a display already exists). */
  needed: boolean;
  /** A problem to say instead of "missing", such as a CHROMIUM_PATH that is not a program. */
  problem?: string;
}

/** Looks for every requirement on this machine. */
export function probeMachine(root: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): Probe[] {
  const chromiumPath = env.CHROMIUM_PATH;
  const browser = testBrowserChoice({ env, platform });
  const shell = testBrowserChoice({ env: { ...env, CHROMIUM_PATH: undefined }, platform, kind: 'any' });
  const hasDisplay = platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
  return [
    chromiumPath && !executable(chromiumPath)
      ? { id: 'browser', found: null, needed: true, problem: `CHROMIUM_PATH is set to ${chromiumPath}, which is not a program this user can run: fix or unset it` }
      : { id: 'browser', found: browser?.executablePath ?? null, needed: true },
    { id: 'browser-shell', found: shell?.headlessShell ? shell.executablePath : null, needed: platform === 'linux' },
    { id: 'postgres', found: findPgBin({ env, platform }) ?? null, needed: true },
    { id: 'openssl', found: onPath(['openssl'], env, platform), needed: true },
    { id: '7zip', found: onPath(['7za', '7z', '7zz'], env, platform), needed: true },
    { id: 'xvfb', found: onPath(['Xvfb'], env, platform), needed: !hasDisplay && displayTests(root).length > 0 },
  ];
}
