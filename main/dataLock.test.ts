import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE } from './dataLock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'datalock-'));
  dirs.push(d);
  return d;
}
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

it('a second instance on the same data folder is refused with a sentence naming the folder; after release it may start', () => {
  const dir = folder();
  const first = acquireDataLock(dir);
  expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
  expect(codeOf(() => acquireDataLock(dir))).toBe('DATA_FOLDER_IN_USE');
  try {
    acquireDataLock(dir);
  } catch (err) {
    expect((err as Error).message).toBe(`Another WA Accounts (process ${process.pid}) is already using the data folder ${dir}. Close it first, or start this one with another data folder.`);
  }
  first.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  acquireDataLock(dir).release();
});

it('a lock left by a live process of another instance is respected; one whose process is gone is taken over at once', async () => {
  const dir = folder();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, host: hostname(), startedAt: Date.now() }));
    expect(codeOf(() => acquireDataLock(dir))).toBe('DATA_FOLDER_IN_USE');
  } finally {
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
  }
  const lock = acquireDataLock(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  lock.release();
});

it('a half-written lock (a crash between create and write) does not block the folder forever', () => {
  const dir = folder();
  writeFileSync(join(dir, LOCK_FILE), '');
  acquireDataLock(dir).release();
});

it('a lock held from another computer (a shared folder) is never taken over', () => {
  const dir = folder();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'another-computer', startedAt: 0 }));
  expect(codeOf(() => acquireDataLock(dir, () => false))).toBe('DATA_FOLDER_IN_USE');
});
