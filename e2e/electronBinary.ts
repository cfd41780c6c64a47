import { existsSync } from 'node:fs';

/**
 * Where Electron's binary is, or why there is none (npm's electron package could not download it).
 * Loaded by Playwright, which compiles specs and config to CommonJS: `require` is the one at hand.
 */
export function electronBinary(): { path: string | null; why: string } {
  try {
    const path = require('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path, why: '' };
    return { path: null, why: `no Electron binary at ${String(path)}` };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    return { path: null, why: `no Electron binary installed (${first}); \`npm start\` fetches it where GitHub can be reached` };
  }
}
