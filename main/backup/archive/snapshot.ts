import { copyFile, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { BackupError, systemCode } from '../errors.js';

/**
 * What RemoteAuth 1.34.7 archives (requiredDirs; docs/whatsapp-web.js.md, "RemoteAuth: what it archives"): the session lives in IndexedDB
 * and Local Storage under Default/. Everything else (caches, GPU, Service Worker scripts) is rebuilt by
 * Chromium and would only make archives grow (docs/user-needs.md, "Backups that grow without bound").
 */
export const PROFILE_DIRS = ['Default/IndexedDB', 'Default/Local Storage'] as const;

export interface SnapshotFile {
  /** Forward-slash path relative to the profile, e.g. "Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log". */
  path: string;
  size: number;
}

export interface Snapshot {
  files: SnapshotFile[];
  bytes: number;
  /** False if some files were still changing after the last round (the copy is then a best effort). */
  stable: boolean;
  rounds: number;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

async function walk(root: string, dir: string, out: Map<string, Seen>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (systemCode(err) === 'ENOENT') return; // folder removed while walking (LevelDB compaction)
    throw err;
  }
  for (const name of names) {
    const full = join(dir, name);
    let s;
    try {
      s = await lstat(full);
    } catch (err) {
      if (systemCode(err) === 'ENOENT') continue;
      throw err;
    }
    if (s.isDirectory()) await walk(root, full, out);
    else if (s.isFile()) out.set(relative(root, full).split(sep).join('/'), { size: s.size, mtimeMs: s.mtimeMs });
    // symlinks, sockets, fifos: never part of a session, and a symlink could point outside the profile.
  }
}

async function listProfile(profileDir: string): Promise<Map<string, Seen>> {
  const found = new Map<string, Seen>();
  for (const d of PROFILE_DIRS) await walk(profileDir, join(profileDir, d), found);
  return found;
}

const same = (a: Seen | undefined, b: Seen | undefined) => !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Copies the session folders of a (possibly running) Chromium profile into `destDir`. Chromium keeps
 * writing LevelDB files meanwhile, so each file is copied until its size and mtime are the same before
 * and after the copy, and then the whole tree is compared again (new, vanished and changed files) for
 * up to `maxRounds` rounds. Vanished files are dropped from the copy.
 */
export async function snapshotProfile(profileDir: string, destDir: string, options: { maxRounds?: number; afterRound?: (round: number) => Promise<void> | void } = {}): Promise<Snapshot> {
  const maxRounds = options.maxRounds ?? 3;
  let current = await listProfile(profileDir);
  if (![...current.keys()].some((p) => p.startsWith('Default/IndexedDB/'))) {
    throw new BackupError('PROFILE_MISSING', `No WhatsApp session data found in ${profileDir} (Default/IndexedDB is missing or empty). Link the account first.`);
  }
  const copied = new Map<string, Seen>();
  let rounds = 0;
  let stable = false;
  try {
    while (rounds < maxRounds && !stable) {
      rounds++;
      for (const [path, seen] of current) {
        if (same(copied.get(path), seen)) continue;
        const result = await copyStable(join(profileDir, path), join(destDir, path));
        if (result) copied.set(path, result);
        else {
          copied.delete(path);
          await rm(join(destDir, path), { force: true });
        }
      }
      for (const path of [...copied.keys()]) {
        if (!current.has(path)) {
          copied.delete(path);
          await rm(join(destDir, path), { force: true });
        }
      }
      // Progress hook; tests use it to change the profile between rounds, as a running Chromium would.
      await options.afterRound?.(rounds);
      const again = await listProfile(profileDir);
      stable = again.size === copied.size && [...again].every(([p, s]) => same(copied.get(p), s));
      current = again;
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('SNAPSHOT_FAILED', `Could not copy the session from ${profileDir} (${systemCode(err) ?? (err as Error).message}). The account keeps running; the next backup will retry.`, undefined, { cause: err });
  }
  const files = [...copied].map(([path, s]) => ({ path, size: s.size })).sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, bytes: files.reduce((n, f) => n + f.size, 0), stable, rounds };
}

/** Copies until the source looks the same before and after; returns its state, or undefined if it vanished. */
async function copyStable(src: string, dest: string, attempts = 5): Promise<Seen | undefined> {
  await mkdir(dirname(dest), { recursive: true });
  let last: Seen | undefined;
  for (let i = 0; i < attempts; i++) {
    try {
      const before = await stat(src);
      await copyFile(src, dest);
      const after = await stat(src);
      last = { size: after.size, mtimeMs: after.mtimeMs };
      const copiedSize = (await stat(dest)).size;
      if (before.size === after.size && before.mtimeMs === after.mtimeMs && copiedSize === after.size) return last;
    } catch (err) {
      if (systemCode(err) === 'ENOENT') return undefined;
      throw err;
    }
  }
  return last; // still changing: keep the last copy; the round check reports stable=false
}
