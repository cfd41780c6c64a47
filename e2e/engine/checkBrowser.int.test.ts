// "Check" in Settings with a real Chromium, and with programs that are not one.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBrowserPath } from '../testBrowser';
import { checkBrowser } from '../../main/browser/checkBrowser';

const root = mkdtempSync(path.join(tmpdir(), 'browser-check-'));
const workDir = path.join(root, 'tmp');
mkdirSync(workDir);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = path.join(root, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const refusal = async (p: Promise<unknown>) => {
  const err = (await p.then(() => null, (e: unknown) => e)) as { code?: string; message?: string; field?: string } | null;
  expect(err).toMatchObject({ code: 'BROWSER_UNUSABLE', field: 'browserPath' });
  return err!.message!;
};

describe.skipIf(process.platform === 'win32')('checking a browser path by starting it once', () => {
  it('a real Chromium starts, says its version, and leaves no profile behind', async () => {
    const browser = testBrowserPath();
    const result = await checkBrowser(browser, { workDir });
    expect(result.path).toBe(browser);
    expect(result.version).toMatch(/Chrom(e|ium)\/\d+\./);
    expect(readdirSync(workDir)).toEqual([]);
  }, 60_000);

  it('refuses what is not a browser, saying why in a sentence', async () => {
    expect(await refusal(checkBrowser(path.join(root, 'nothing-here'), { workDir }))).toBe(`There is no file at ${path.join(root, 'nothing-here')}.`);
    expect(await refusal(checkBrowser(root, { workDir }))).toMatch(/is a folder, not a browser program\.$/);
    const app = path.join(root, 'Chromium.app');
    mkdirSync(app);
    expect(await refusal(checkBrowser(app, { workDir }))).toBe(`${app} is an app bundle: choose the program inside it, ${path.join(app, 'Contents', 'MacOS', 'Chromium')}.`);
    const plain = path.join(root, 'notes.txt');
    writeFileSync(plain, 'hello');
    chmodSync(plain, 0o644);
    if (process.getuid?.() !== 0) expect(await refusal(checkBrowser(plain, { workDir }))).toMatch(/is not a program this user may run/);
    expect(await refusal(checkBrowser(script('exits', 'echo nope >&2; exit 3'), { workDir }))).toMatch(/did not start as a browser: /);
    expect(readdirSync(workDir)).toEqual([]);
  }, 60_000);

  it('a program that never answers is given up on in time, not waited for', async () => {
    const started = Date.now();
    const pidFile = path.join(root, 'hangs.pid');
    expect(await refusal(checkBrowser(script('hangs', `echo $$ > ${pidFile}; exec sleep 30`), { workDir, timeoutMs: 1_500 }))).toMatch(/did not start as a browser: it did not answer within 2 s/);
    expect(Date.now() - started).toBeLessThan(15_000);
    // And it is not left running.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return 'running';
      } catch {
        return 'gone';
      }
    };
    await expect.poll(alive, { timeout: 5_000 }).toBe('gone');
  }, 30_000);
});
