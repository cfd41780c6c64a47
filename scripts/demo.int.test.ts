// `npm run demo` keeps its phone: an account linked in the demo is still linked after the demo is stopped
// and started again on the same data folder (the simulator's state lives in <data-dir>/simulator.json,
// the page's session in the app's browser profile). Runs the demo as a person does, through tsx.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../e2e/apiClient';
import type { SessionKind } from '../preload/contract';
import { browsersUnder as browsersOn } from '../e2e/engine/processes';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const tmp = mkdtempSync(path.join(tmpdir(), 'demo-restart-'));
const dataDir = path.join(tmp, 'data');
const running = new Set<ChildProcess>();

beforeAll(() => {
  if (existsSync(path.join(root, 'dist/main/web.cjs'))) return;
  console.log('demo test: dist/ is incomplete, running `npm run build` first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}, 320_000);

afterAll(async () => {
  // A failed test may leave a demo behind: its whole process group (tsx, the demo, the web host, browsers) goes.
  for (const child of running) await stopGroup(child, 'SIGTERM', 20_000).catch(() => stopGroup(child, 'SIGKILL', 5_000));
  for (const pid of browsersOn(dataDir)) process.kill(pid, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

interface Demo {
  child: ChildProcess;
  origin: string;
  token: string;
  phoneUrl: string;
  output: () => string;
}

/** `npm run demo -- --data-dir <dir> --fast` without the build step; resolves once it printed both addresses. */
function startDemo(): Promise<Demo> {
  // Its own process group, so a cleanup can end everything it started at once.
  const child = spawn(process.execPath, [tsx, 'scripts/demo.mts', '--data-dir', dataDir, '--fast'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let out = '';
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no "Phone" line within 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const open = /^Open (http:\/\/\S+)$/m.exec(out)?.[1];
      const phone = /^Phone +(http:\/\/\S+)/m.exec(out)?.[1];
      if (!open || !phone) return;
      clearTimeout(timer);
      const url = new URL(open);
      resolve({ child, origin: url.origin, token: url.hash.replace('#token=', ''), phoneUrl: phone, output: () => out });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Signals the demo's process group and answers the demo's exit code. */
function stopGroup(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve(code);
    });
    process.kill(-child.pid!, signal);
  });
}

/** SIGTERM to the demo alone, as a terminal's kill would: it stops its web host, then the simulator. */
function stopDemo(demo: Demo): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not exit within 60 s of SIGTERM:\n${demo.output()}`)), 60_000);
    demo.child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(demo.child);
      resolve(code);
    });
    demo.child.kill('SIGTERM');
  });
}

async function phoneApi<T>(demo: Demo, pathname: string, body?: unknown): Promise<{ ok: boolean; value: T; error?: { code: string } }> {
  const response = await fetch(`${demo.phoneUrl}api/${pathname}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return (await response.json()) as { ok: boolean; value: T; error?: { code: string } };
}

type PhoneState = { devices: { deviceId: string; number: string; online: boolean }[]; qrs: unknown[] };

it('an account linked in the demo is Ready again after the demo restarts on the same data folder, with no QR', async () => {
  let demo = await startDemo();
  let api = await ApiClient.connect(demo.origin, demo.token);
  const account = await api.call('accounts.add', { label: 'Desk' });
  const withQr = await api.waitForAccounts((l) => l.some((a) => a.id === account.id && a.session.kind === 'qr'), 60_000);
  const shown = withQr.find((a) => a.id === account.id)!.session;
  expect(await phoneApi(demo, 'scan', { qr: shown.kind === 'qr' ? shown.qr : '' })).toMatchObject({ ok: true });
  await api.waitForAccounts((l) => l.some((a) => a.id === account.id && a.session.kind === 'ready'), 60_000);
  const [linked] = (await phoneApi<PhoneState>(demo, 'state')).value.devices;
  api.close();
  expect(await stopDemo(demo)).toBe(0);

  const file = path.join(dataDir, 'simulator.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect((JSON.parse(readFileSync(file, 'utf8')) as { devices: { deviceId: string }[] }).devices.map((d) => d.deviceId)).toEqual([linked?.deviceId]);

  demo = await startDemo();
  expect(demo.output()).not.toContain('starting with no linked devices');
  api = await ApiClient.connect(demo.origin, demo.token);
  const kinds: SessionKind[] = [];
  const qrsOnPhone: number[] = [];
  const poll = setInterval(() => void phoneApi<PhoneState>(demo, 'state').then((s) => qrsOnPhone.push(s.value.qrs.length), () => {}), 250);
  const ready = await api
    .waitForAccounts((l) => {
      kinds.push(...l.map((a) => a.session.kind));
      // A QR or a logout is the failure this test is about: stop waiting and let the checks below say so.
      return l.length === 1 && ['ready', 'qr', 'logged-out'].includes(l[0]!.session.kind);
    }, 60_000)
    .finally(() => clearInterval(poll));
  expect(ready[0]).toMatchObject({ id: account.id, label: 'Desk', session: { kind: 'ready', phoneNumber: '15550000001' } });
  expect(kinds).not.toContain('qr');
  expect(kinds).not.toContain('logged-out');
  expect(qrsOnPhone.every((n) => n === 0)).toBe(true);
  // The same linked device logged in again (the simulator recognised its stored session): nothing new was linked.
  expect((await phoneApi<PhoneState>(demo, 'state')).value.devices).toEqual([expect.objectContaining({ deviceId: linked?.deviceId, online: true })]);
  api.close();
  expect(await stopDemo(demo)).toBe(0);
}, 300_000);
