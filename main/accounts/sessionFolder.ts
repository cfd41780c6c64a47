import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const LOCKED = new Set(['EBUSY', 'EPERM', 'ENOTEMPTY', 'EACCES']);

/** LocalAuth keeps each account's Chromium profile at `<sessionsDir>/session-<id>`. */
export function profileDir(sessionsDir: string, id: string): string {
  return join(sessionsDir, `session-${id}`);
}

const trashDir = (sessionsDir: string) => join(sessionsDir, '.trash');

/**
 * Deletes an account's profile once its browser has exited. Windows keeps files locked for a while
 * after a browser closes (EBUSY; docs/user-needs.md, "Windows locks files on unlink"), so retry with backoff; if it still fails, move the
 * folder aside and finish on the next start, so the account itself is never blocked by it.
 */
export async function deleteProfile(
  sessionsDir: string,
  id: string,
  attempts = 6,
  remove: (path: string, opts: { recursive: true; force: true }) => Promise<void> = rm,
): Promise<'deleted' | 'deferred'> {
  const dir = profileDir(sessionsDir, id);
  for (let i = 0; i < attempts; i++) {
    try {
      await remove(dir, { recursive: true, force: true });
      return 'deleted';
    } catch (err) {
      if (!LOCKED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 100 * 2 ** i));
    }
  }
  await mkdir(trashDir(sessionsDir), { recursive: true });
  await rename(dir, join(trashDir(sessionsDir), `${id}-${Date.now()}`));
  return 'deferred';
}

/** On start: finish deletions that were deferred because files were locked. */
export async function emptyTrash(sessionsDir: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(trashDir(sessionsDir));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const e of entries) {
    try {
      await rm(join(trashDir(sessionsDir), e), { recursive: true, force: true });
      removed += 1;
    } catch {
      // still locked: next start
    }
  }
  return removed;
}
