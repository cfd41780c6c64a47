import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where Electron's binary is, or why there is none. Resolved the way node_modules/electron/index.js
 * resolves it (path.txt under dist/, or under ELECTRON_OVERRIDE_DIST_PATH) without requiring it:
 * since Electron 42 a `require('electron')` without a binary starts a download in the foreground,
 * which would hold up Playwright's start, and fail with a stack trace offline.
 * Loaded by Playwright, which compiles specs and config to CommonJS: `require` is the one at hand.
 */
export function electronBinary(): { path: string | null; why: string } {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const pathTxt = join(electronDir, 'path.txt');
  const entry = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, entry || 'electron') : entry ? join(electronDir, 'dist', entry) : null;
  if (path && existsSync(path)) return { path, why: '' };
  if (path) return { path: null, why: `no Electron binary at ${path}` };
  return { path: null, why: 'no Electron binary downloaded yet; `npm start` fetches it where GitHub can be reached' };
}
