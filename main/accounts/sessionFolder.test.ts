import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deleteProfile, emptyTrash, profileDir } from './sessionFolder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-folder-'));
  mkdirSync(join(profileDir(dir, 'acc-1'), 'Default'), { recursive: true });
  writeFileSync(join(profileDir(dir, 'acc-1'), 'Default', 'lockfile'), 'x');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const busy = () => Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });

it('retries a locked folder (Windows EBUSY) until it can be deleted', async () => {
  let calls = 0;
  const flaky = async (p: string, o: object) => {
    if (++calls < 3) throw busy();
    rmSync(p, o);
  };
  expect(await deleteProfile(dir, 'acc-1', 6, flaky)).toBe('deleted');
  expect(calls).toBe(3);
  expect(existsSync(profileDir(dir, 'acc-1'))).toBe(false);
});

it('moves a folder that stays locked aside, and the next start finishes the job', async () => {
  const stuck = async () => {
    throw busy();
  };
  expect(await deleteProfile(dir, 'acc-1', 2, stuck)).toBe('deferred');
  expect(existsSync(profileDir(dir, 'acc-1'))).toBe(false);
  expect(readdirSync(join(dir, '.trash'))).toHaveLength(1);
  expect(await emptyTrash(dir)).toBe(1);
  expect(readdirSync(join(dir, '.trash'))).toHaveLength(0);
});

it('fails loudly on errors that are not locks', async () => {
  const denied = async () => {
    throw Object.assign(new Error('EIO'), { code: 'EIO' });
  };
  await expect(deleteProfile(dir, 'acc-1', 3, denied)).rejects.toThrow('EIO');
});
