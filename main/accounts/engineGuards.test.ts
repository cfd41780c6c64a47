import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../log';
import { installEngineGuards, isLibraryStray } from './engineGuards';

/** An error as puppeteer raises it: its stack runs through the library's files. */
function libraryError(message: string): Error {
  const err = new Error(message);
  err.stack = `Error: ${message}\n    at CdpSession.send (/app/node_modules/puppeteer-core/lib/cjs/puppeteer/cdp/CdpSession.js:98:29)\n    at Client.inject (/app/node_modules/whatsapp-web.js/src/Client.js:120:5)`;
  return err;
}

it('logs a stray rejection from the library against the account it names, and the process carries on', async () => {
  const lines: string[] = [];
  const fatal: unknown[] = [];
  const uninstall = installEngineGuards(createLogger((l) => lines.push(l)), () => ['acc-one', 'acc-two'], (e) => fatal.push(e));
  try {
    void Promise.reject(libraryError('Protocol error: Target closed (/data/sessions/session-acc-two)'));
    void Promise.reject(libraryError('Execution context was destroyed'));
    // Client.inject's `throw 'auth timeout'`: a bare string, no stack.
    void Promise.reject('auth timeout');
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    uninstall();
  }
  const logged = lines.map((l) => JSON.parse(l) as { msg: string; account: string });
  expect(logged.map((l) => [l.msg, l.account])).toEqual([
    ['unhandled rejection inside the WhatsApp engine', 'acc-two'],
    ['unhandled rejection inside the WhatsApp engine', 'unknown'],
    ['unhandled rejection inside the WhatsApp engine', 'unknown'],
  ]);
  expect(fatal).toEqual([]);
});

it('an app bug is not swallowed: it is logged with its stack and ends the process', async () => {
  const lines: string[] = [];
  const fatal: unknown[] = [];
  const uninstall = installEngineGuards(createLogger((l) => lines.push(l)), () => [], (e) => fatal.push(e));
  const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
  try {
    void Promise.reject(bug);
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    uninstall();
  }
  expect(fatal).toEqual([bug]);
  const logged = JSON.parse(lines[0]!) as { msg: string; stack: string };
  expect(logged.msg).toBe('unhandled rejection in the app itself: stopping');
  expect(logged.stack).toMatch(/engineGuards\.test\.ts/);
  expect(isLibraryStray(bug)).toBe(false);
  expect(isLibraryStray('a string')).toBe(false);
  expect(isLibraryStray('auth timeout')).toBe(true);
  expect(isLibraryStray(libraryError('x'))).toBe(true);
});

it('in a real process, an app bug exits with 70 while a library stray does not', () => {
  const script = (body: string) => `
    const { installEngineGuards } = require(${JSON.stringify(join(__dirname, 'engineGuards.ts'))});
    installEngineGuards({ error: (m) => console.log(m), info() {}, warn() {}, child() { return this; } }, () => []);
    ${body}
    setTimeout(() => { console.log('still running'); process.exit(0); }, 200);`;
  const tsx = require.resolve('tsx/cjs');
  const run = (body: string) => spawnSync(process.execPath, ['-r', tsx, '-e', script(body)], { encoding: 'utf8', timeout: 20_000 });
  const lib = run(`const e = new Error('Target closed'); e.stack = 'Error: Target closed\\n    at x (/a/node_modules/puppeteer-core/lib/x.js:1:1)'; Promise.reject(e);`);
  expect(lib.stdout).toContain('still running');
  expect(lib.status).toBe(0);
  const app = run(`Promise.reject(new Error('a bug in the app'));`);
  expect(app.stdout).not.toContain('still running');
  expect(app.status).toBe(70);
}, 30_000);
