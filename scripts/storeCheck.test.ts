import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REMOTE_AUTH_STORE_CASES } from '../main/backup/testing/remoteAuthStoreContract';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'scripts', 'storeCheck.fixtures');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const names = REMOTE_AUTH_STORE_CASES.map((c) => c.name);

function storeCheck(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(tsx, [path.join(root, 'scripts', 'storeCheck.ts'), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, INIT_CWD: options.cwd ?? root, ...options.env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  const lines = r.stdout.split('\n');
  const status = (name: string) => lines.find((l) => l.trim().endsWith(')') && l.includes(`  ${name} (`))?.trim().slice(0, 4);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines, status, last: lines.filter(Boolean).at(-1) };
}

const temps: string[] = [];
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('npm run store:check', () => {
  it('passes every case for the RemoteAuth interop tests\' folder store (e2e/sim/FolderStore.ts), printing each case', () => {
    const r = storeCheck([path.join(fixtures, 'simFolderStore.ts')]);
    expect(r.stderr).toBe('');
    for (const name of names) expect(r.status(name), name).toBe('PASS');
    expect(r.last).toBe(`${names.length} passed, 0 failed`);
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes every case for the app\'s own FolderStore told RemoteAuth\'s dataPath', () => {
    const r = storeCheck([path.join(fixtures, 'appFolderStore.ts')]);
    expect(r.last).toBe(`${names.length} passed, 0 failed`);
    expect(r.code).toBe(0);
  }, 60_000);

  it('loads ./my-store.js (a guide-style class reading <session>.zip from the current directory) from where the command was typed, and leaves that folder as it was', async () => {
    const user = await temp('store-check-user-');
    await copyFile(path.join(fixtures, 'guideStyleStore.cjs'), path.join(user, 'my-store.js'));
    await writeFile(path.join(user, 'RemoteAuth.zip'), 'a real session zip of the user');
    const before = await readdir(user);
    const r = storeCheck(['./my-store.js'], { cwd: user });
    expect(r.last).toBe(`${names.length} passed, 0 failed`);
    expect(r.code).toBe(0);
    expect((await readdir(user)).sort()).toEqual(before.sort());
  }, 60_000);

  it('fails a broken store (sessionExists always true, extract writes nothing, delete does nothing, save ignores a missing zip), naming each failing case', () => {
    const r = storeCheck([path.join(fixtures, 'brokenStore.cjs')]);
    const expected: Record<string, string> = {
      'sessionExists is false for a session that was never saved': 'FAIL',
      // "exists" is true after a save because it is always true; the other cases catch that.
      'save stores <session>.zip from RemoteAuth\'s dataPath; sessionExists is then true': 'PASS',
      'extract writes the saved zip byte for byte (8 MiB), after RemoteAuth removed its local copy': 'FAIL',
      'extract creates missing parent folders (a new computer has no dataPath yet)': 'FAIL',
      'a second save replaces the first: extract returns the newest zip': 'FAIL',
      'delete removes the session (sessionExists false), and the session can be saved again': 'FAIL',
      'sessions are kept apart, even when one name begins with the other (x and x-2)': 'FAIL',
      'a clientId with capitals and underscores round-trips (RemoteAuth-…Sales_Desk)': 'FAIL',
      // It claims to hold "RemoteAuth" already, so the check leaves that name alone.
      'RemoteAuth\'s default session name (no clientId), "RemoteAuth", round-trips': 'SKIP',
      'save rejects when there is no zip to read, and stores nothing': 'FAIL',
    };
    expect(Object.keys(expected)).toEqual(names);
    for (const [name, want] of Object.entries(expected)) expect(r.status(name), name).toBe(want);
    expect(r.stdout).toContain('sessionExists answered true for a session never saved');
    expect(r.stdout).toMatch(/extract\(\{session: "RemoteAuth-storecheck-[0-9a-f]+-roundtrip", path: "[^"]+"\}\) resolved, but wrote no file at path/);
    expect(r.stdout).toContain('sessionExists answered true after delete resolved');
    expect(r.stdout).toContain('resolved although RemoteAuth-storecheck-');
    expect(r.last).toBe('1 passed, 8 failed, 1 skipped');
    expect(r.code).toBe(1);
  }, 60_000);

  it('fails, without hanging or crashing, a store whose save never settles and whose extract throws from a callback', () => {
    const r = storeCheck([path.join(fixtures, 'hangingStore.cjs'), '--timeout-ms', '500']);
    expect(r.status('save rejects when there is no zip to read, and stores nothing')).toBe('FAIL');
    expect(r.stdout).toContain('did not settle within 500 ms');
    expect(r.status('extract writes the saved zip byte for byte (8 MiB), after RemoteAuth removed its local copy')).toBe('FAIL');
    expect(r.stdout).toContain("the store raised an uncaught error (it would crash a whatsapp-web.js app): ENOENT: no such file or directory, open '");
    expect(r.last).toBe('2 passed, 8 failed');
    expect(r.code).toBe(1);
  }, 60_000);

  it('explains a module that is not a store, a missing file and a missing argument, with exit 2 and no cases run', async () => {
    const notStore = storeCheck([path.join(fixtures, 'notAStore.mjs')]);
    expect(notStore.stderr).toContain('does not export a RemoteAuth store');
    expect(notStore.stderr).toContain('lacks save, delete');
    expect(notStore.stdout).not.toContain('passed');
    expect(notStore.code).toBe(2);

    const user = await temp('store-check-user-');
    const missing = storeCheck(['./my-store.js'], { cwd: user });
    expect(missing.stderr).toContain(`${path.join(user, 'my-store.js')} does not exist`);
    expect(missing.code).toBe(2);

    const none = storeCheck([]);
    expect(none.stderr).toContain('usage: npm run store:check -- <path to your store module>');
    expect(none.code).toBe(2);

    const throwing = path.join(user, 'throws.cjs');
    await writeFile(throwing, "throw new Error('cannot reach the database');\n");
    const load = storeCheck([throwing]);
    expect(load.stderr).toContain('could not load');
    expect(load.stderr).toContain('cannot reach the database');
    expect(load.code).toBe(2);
  }, 60_000);

  it('runs through the package.json script with `npm run store:check -- <module>`', () => {
    const r = spawnSync('npm', ['run', '--silent', 'store:check', '--', path.join(fixtures, 'guideStyleStore.cjs')], { cwd: root, encoding: 'utf8', timeout: 90_000 });
    expect(r.stdout.split('\n').filter(Boolean).at(-1)).toBe(`${names.length} passed, 0 failed`);
    expect(r.status).toBe(0);
  }, 60_000);
});
