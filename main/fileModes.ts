import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything under the data folder is one person's: sessions are full logins to their WhatsApp
 * accounts. With this umask every file the app and its browsers create is 0600 and every folder 0700,
 * including Chromium's profile files and restored archives, whatever code path writes them.
 */
export const PRIVATE_UMASK = 0o077;

/** chmod 0700 folders and 0600 files below `dir` (links are left alone: they may point anywhere). */
export function tightenTree(dir: string): void {
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    chmodSync(current, 0o700);
    for (const entry of readdirSync(current)) {
      const p = join(current, entry);
      const st = lstatSync(p);
      if (st.isDirectory()) stack.push(p);
      else if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, st.mode & 0o700);
    }
  }
}

/**
 * Makes the data folder private before anything is written to it: the process umask, the folder 0700,
 * and, where an older version left it readable by others, everything in it tightened once.
 * No-op on Windows, where the folder inherits the user profile's ACL.
 */
export function privateDataFolder(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    mkdirSync(dataDir, { recursive: true });
    return;
  }
  process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((lstatSync(dataDir).mode & 0o077) !== 0) tightenTree(dataDir);
}
