// With no browser at all, `npm run web` and `npm run demo` still start: one line at start-up names the
// install command for this OS, then the address to open. (Each account then says what to install:
// e2e/screens.spec.ts and main/ipc/CommandRegistry.test.ts cover that.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noBrowserLine } from '../main/browser/installCommand';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'nobrowser-'));
const children: ChildProcess[] = [];
/** Ends a child and everything it started (tsx runs the script in a child of its own). */
function endGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
afterAll(() => {
  for (const c of children) endGroup(c, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(() => {
  if (existsSync(path.join(root, 'dist/main/web.cjs'))) return;
  console.log('no-browser test: dist/ is incomplete, running `npm run build` first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}, 320_000);

/** Starts a command and collects its stdout lines until one matches `until`. */
function linesUntil(cmd: string, args: string[], until: RegExp): Promise<{ lines: string[]; child: ChildProcess }> {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, WA_ACCOUNTS_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing matched ${until}; got:\n${lines.join('\n')}`)), 30_000);
    let rest = '';
    child.stdout!.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      if (parts.some((l) => until.test(l))) {
        clearTimeout(timer);
        resolve({ lines, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) early; got:\n${lines.join('\n')}`)));
  });
}

it('npm run web with no browser: one line with the install command, then the address', async () => {
  const { lines, child } = await linesUntil(process.execPath, ['dist/main/web.cjs', '--data-dir', path.join(tmp, 'web')], /^Open http/);
  expect(lines.filter((l) => l === noBrowserLine())).toHaveLength(1);
  expect(noBrowserLine()).toMatch(/Install one: /);
  const url = lines.find((l) => l.startsWith('Open '))!.slice('Open '.length).split('#')[0]!;
  expect((await fetch(url)).status).toBe(200);
  endGroup(child);
}, 40_000);

it('npm run demo with no browser: the same line, the address and the simulated phone', async () => {
  const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const { lines, child } = await linesUntil(process.execPath, [tsx, 'scripts/demo.mts', '--data-dir', path.join(tmp, 'demo')], /^Phone /);
  expect(lines).toContain(noBrowserLine());
  expect(lines.some((l) => /^Open http/.test(l))).toBe(true);
  endGroup(child);
}, 40_000);

it('a second web host on the same data folder is refused in one line, and the first keeps serving', async () => {
  const dataDir = path.join(tmp, 'shared');
  const { lines, child } = await linesUntil(process.execPath, ['dist/main/web.cjs', '--data-dir', dataDir], /^Open http/);
  const url = lines.find((l) => l.startsWith('Open '))!.slice('Open '.length).split('#')[0]!;
  const second = spawnSync(process.execPath, ['dist/main/web.cjs', '--data-dir', dataDir], { cwd: root, encoding: 'utf8', timeout: 20_000, env: { ...process.env, WA_ACCOUNTS_BROWSER: 'none' } });
  expect(second.status).toBe(1);
  expect(second.stderr.trim()).toBe(`Another WA Accounts (process ${child.pid}) is already using the data folder ${dataDir}. Close it first, or start this one with another data folder.`);
  expect((await fetch(url)).status).toBe(200);
  endGroup(child);
}, 40_000);
