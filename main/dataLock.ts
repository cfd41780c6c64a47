import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from './errors';

export const LOCK_FILE = 'app.lock';

interface Owner {
  pid: number;
  host: string;
  startedAt: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, startedAt: Number(o.startedAt) || 0 } : null;
  } catch {
    return null;
  }
}

export interface DataLock {
  release(): void;
}

/**
 * One app per data folder, whichever host runs it (Electron, the web host, a test): a second instance
 * would end the first one's browsers as orphans and empty its work folder. The lock is a file created
 * exclusively, naming its owner's pid; a lock whose owner on this computer is gone (a crash) is taken
 * over at once. Written by hand: lock-file libraries judge staleness by age, which would refuse a
 * restart for seconds after a crash, while the owner's pid answers at once.
 */
export function acquireDataLock(dataDir: string, isAlive: (pid: number) => boolean = alive): DataLock {
  const file = join(dataDir, LOCK_FILE);
  const me: Owner = { pid: process.pid, host: hostname(), startedAt: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner === null && attempt === 0) {
        // Being written this very moment, or left half-written by a crash: look again shortly.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        continue;
      }
      const stale = owner === null || (owner.host === me.host && owner.pid !== me.pid && !isAlive(owner.pid));
      if (!stale) throw inUse(dataDir, owner);
      try {
        unlinkSync(file);
      } catch {
        // another instance took it over first: try again, and it will be refused
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    fsyncSync(fd);
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        if (readOwner(file)?.pid === me.pid) unlinkSync(file);
      },
    };
  }
  throw inUse(dataDir, readOwner(file));
}

function inUse(dataDir: string, owner: Owner | null): AppError {
  const who = owner ? ` (process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''})` : '';
  return new AppError(
    'DATA_FOLDER_IN_USE',
    `Another WA Accounts${who} is already using the data folder ${dataDir}. Close it first, or start this one with another data folder.`,
  );
}
