import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { osFamily } from '../../main/browser/installCommand';
import { findPgBin } from '../../main/backup/testing/pgBin';
import { checkPrerequisites, type PrereqDeps } from './cli';
import { plan, type Machine } from './plan';
import type { Probe, RequirementId } from './requirements';

const ALL: RequirementId[] = ['browser', 'browser-shell', 'postgres', 'openssl', '7zip', 'xvfb'];
/** A machine where `missing` are absent and everything else is there (Xvfb not needed unless said). */
function probes(missing: RequirementId[], needXvfb = false): Probe[] {
  return ALL.map((id) => ({ id, found: missing.includes(id) ? null : `/fake/${id}`, needed: id === 'xvfb' ? needXvfb : true }));
}
const debianRoot: Machine = { family: 'debian', elevation: 'root', hasAptGet: true };

describe('the decision before the first test', () => {
  it('goes on when everything is there, and does not ask for Xvfb when no test needs a display', () => {
    expect(plan(probes(['xvfb']), debianRoot)).toEqual({ kind: 'ready', notes: [] });
  });

  it('installs what is missing with one apt-get update and one install as root, or through passwordless sudo', () => {
    const p = plan(probes(['browser', 'postgres']), debianRoot);
    expect(p).toMatchObject({ kind: 'install', update: ['apt-get', 'update'], packages: ['chromium', 'postgresql'] });
    expect(p.kind === 'install' && p.command).toEqual(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'postgresql']);
    const s = plan(probes(['7zip']), { ...debianRoot, elevation: 'sudo' });
    expect(s.kind === 'install' && s.command.slice(0, 3)).toEqual(['sudo', '-n', 'apt-get']);
  });

  it('stops with one line per missing program and its install command when it may not install', () => {
    const p = plan(probes(['browser', 'openssl']), { family: 'debian', elevation: null, hasAptGet: true });
    expect(p.kind).toBe('stop');
    const lines = p.kind === 'stop' ? p.lines : [];
    expect(lines[0]).toMatch(/browser.*sudo apt-get install -y chromium$/);
    expect(lines[1]).toMatch(/openssl.*sudo apt-get install -y openssl$/);
    expect(lines[2]).toMatch(/root or with passwordless sudo/);
  });

  it('names each OS its own command: Homebrew, winget, dnf', () => {
    const line = (family: Machine['family']) => {
      const p = plan(probes(['browser']), { family, elevation: 'root', hasAptGet: false });
      return p.kind === 'stop' ? p.lines : [];
    };
    expect(line('darwin')).toEqual([expect.stringMatching(/brew install --cask chromium$/)]);
    expect(line('win32')).toEqual([expect.stringMatching(/winget install --id Google\.Chrome -e$/)]);
    expect(line('fedora')).toEqual([expect.stringMatching(/sudo dnf install -y chromium$/)]);
  });

  it('after an install that left something missing, stops instead of trying again', () => {
    expect(plan(probes(['postgres']), debianRoot, 'after-install').kind).toBe('stop');
  });

  it('an optional program it cannot install is only mentioned', () => {
    expect(plan(probes(['browser-shell']), { family: 'darwin', elevation: null, hasAptGet: false })).toEqual({
      kind: 'ready',
      notes: [expect.stringMatching(/optional, not found: .*headless shell/)],
    });
  });

  it('a CHROMIUM_PATH that is not a program is reported, never papered over by an install', () => {
    const bad = probes([]).map((p) => (p.id === 'browser' ? { ...p, found: null, problem: 'CHROMIUM_PATH is set to /nope, which is not a program' } : p));
    expect(plan(bad, debianRoot)).toEqual({ kind: 'stop', lines: [expect.stringContaining('CHROMIUM_PATH is set to /nope')] });
  });
});

describe('the step as npm test runs it, on a fake machine', () => {
  function fake(machine: Machine, before: Probe[], after: Probe[] = before) {
    const printed: string[] = [];
    const ran: string[][] = [];
    let installed = false;
    const deps: PrereqDeps = {
      machine: () => machine,
      probe: () => (installed ? after : before),
      run: (argv) => {
        ran.push(argv);
        if (argv.includes('install')) installed = true;
        return true;
      },
      print: (l) => printed.push(l),
    };
    return { deps, printed, ran };
  }

  it('no browser and no way to install one (no apt-get, no sudo): exits 1 at once, a line per missing program', () => {
    const { deps, printed, ran } = fake({ family: 'debian', elevation: null, hasAptGet: false }, probes(['browser', 'postgres']));
    const started = Date.now();
    expect(checkPrerequisites(deps)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ran).toEqual([]);
    expect(printed.filter((l) => l.startsWith('missing: '))).toEqual([
      expect.stringMatching(/Chromium-family browser.*: sudo apt-get install -y chromium$/),
      expect.stringMatching(/PostgreSQL.*: sudo apt-get install -y postgresql$/),
    ]);
  });

  it('as root on Debian: runs apt-get update, then one install, then goes on', () => {
    const { deps, printed, ran } = fake(debianRoot, probes(['browser', 'browser-shell']), probes([]));
    expect(checkPrerequisites(deps)).toBe(0);
    expect(ran.map((a) => a.slice(0, 2).join(' '))).toEqual(['apt-get update', 'apt-get install']);
    expect(ran[1]).toEqual(expect.arrayContaining(['chromium', 'chromium-headless-shell']));
    expect(printed).toContain('prerequisites: browser: /fake/browser');
  });

  it('an install that did not bring the program stops with its line', () => {
    const { deps, printed } = fake(debianRoot, probes(['postgres']), probes(['postgres']));
    expect(checkPrerequisites(deps)).toBe(1);
    expect(printed.at(-1)).toMatch(/^missing: PostgreSQL/);
  });
});

describe('finding programs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prereqs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds PostgreSQL in Debian’s versioned folders, the highest version first, or on PATH', () => {
    const has = (...paths: string[]) => (p: string) => paths.includes(p);
    const listDir = (d: string) => (d === '/usr/lib/postgresql' ? ['13', '16', '9.6'] : []);
    const programs = (bin: string) => ['initdb', 'pg_ctl', 'postgres'].map((p) => join(bin, p));
    expect(findPgBin({ env: {}, platform: 'linux', listDir, isExecutable: has(...programs('/usr/lib/postgresql/13/bin'), ...programs('/usr/lib/postgresql/16/bin')) })).toBe('/usr/lib/postgresql/16/bin');
    expect(findPgBin({ env: { PATH: '/opt/pg/bin' }, platform: 'linux', listDir: () => [], isExecutable: has(...programs('/opt/pg/bin')) })).toBe('/opt/pg/bin');
    // initdb alone is not a server.
    expect(findPgBin({ env: { PATH: '/x' }, platform: 'linux', listDir: () => [], isExecutable: has('/x/initdb') })).toBeUndefined();
  });

  it('reads the OS family from os-release', () => {
    expect(osFamily('linux', 'ID=ubuntu\nID_LIKE=debian\n')).toBe('debian');
    expect(osFamily('linux', 'ID="rocky"\nID_LIKE="rhel centos fedora"\n')).toBe('fedora');
    expect(osFamily('linux', 'ID=nixos\n')).toBe('linux');
    expect(osFamily('darwin', null)).toBe('darwin');
  });

  it('the real command, given a CHROMIUM_PATH that is not a program, stops within seconds and says so', () => {
    const notAProgram = join(dir, 'chromium');
    writeFileSync(notAProgram, 'not a program');
    chmodSync(notAProgram, 0o644);
    const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const started = Date.now();
    // PATH holds only node: no apt-get, no sudo and no openssl, so nothing can be installed.
    const r = spawnSync(process.execPath, [tsx, join(__dirname, 'cli.ts')], {
      encoding: 'utf8',
      env: { PATH: bin, HOME: dir, CHROMIUM_PATH: notAProgram },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stdout).toMatch(new RegExp(`^missing: .*CHROMIUM_PATH is set to ${notAProgram.replace(/[/.]/g, '\\$&')}`, 'm'));
    expect(r.stdout).toMatch(/^missing: openssl.*apt-get install -y openssl$/m);
  }, 30_000);
});
