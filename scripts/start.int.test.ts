// `npm start` without an Electron binary: one line saying why, then the web host with its address.
// With a (stand-in) binary: Electron is launched with the app. Nothing here reaches the internet: the
// download is pointed at a closed loopback port, and any binary goes to a temp folder, never node_modules.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// The version npm installed: the one start.mjs names and fetches.
const ELECTRON = (JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const ELECTRON_RE = ELECTRON.replace(/\./g, '\\.');
const tmp = mkdtempSync(path.join(tmpdir(), 'start-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  // SIGTERM first: start.mjs passes it on to the web host it started; SIGKILL would leave that running.
  const live = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    live.map(
      (c) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => c.kill('SIGKILL'), 5_000);
          c.once('exit', () => (clearTimeout(force), resolve()));
          c.kill('SIGTERM');
        }),
    ),
  );
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(() => {
  if (existsSync(path.join(root, 'dist/main/web.cjs')) && existsSync(path.join(root, 'dist/main/electron.cjs'))) return;
  console.log('start test: dist/ is incomplete, running `npm run build` first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}, 320_000);

function baseEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const k of ['ELECTRON_RUN_AS_NODE', 'npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR']) delete env[k];
  return env;
}

/** Collects stdout lines; resolves when a line matches. */
function waitForLine(child: ChildProcess, lines: string[], pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got:\n${lines.join('\n')}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (pattern.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited (${code}) before printing ${pattern}; got:\n${lines.join('\n')}`));
    });
  });
}

/** A loopback port nothing listens on (just closed): a download from it fails at once, as offline. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs start.mjs with no Electron binary to be had; resolves once the web host prints its address. */
async function startWithoutBinary(work: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', path.join(work, 'data')], {
    cwd: root,
    env: baseEnv({ electron_config_cache: path.join(work, 'cache'), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const lines: string[] = [];
  const openLine = await waitForLine(child, lines, /^Open http:\/\/127\.0\.0\.1:\d+\/#token=/, 20_000);
  return { child, lines, openLine, stderr: () => stderr };
}

/** Ends start.mjs (and so its web host) and waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('npm start', () => {
  it('without a binary and with the download unreachable, says why in one line and serves the app in the browser', async () => {
    const work = path.join(tmp, 'fallback');
    mkdirSync(work);
    // Not port 9 (discard), which fetch() refuses to try at all ("bad port").
    const port = await closedPort();
    const { child, lines, openLine, stderr } = await startWithoutBinary(work, {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      ELECTRON_OVERRIDE_DIST_PATH: path.join(work, 'no-electron-here'),
    });

    const reasons = lines.filter((l) => /Electron/.test(l));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(new RegExp(`^Electron ${ELECTRON_RE} could not be downloaded: 127\\.0\\.0\\.1:${port} refused the connection; serving the app in your browser instead\\.$`));
    expect(lines[0]).toBe(reasons[0]);
    expect(stderr()).not.toMatch(/\n\s+at /); // no stack trace

    // The address works: the same app, from the web host.
    const url = openLine.slice('Open '.length);
    const page = await fetch(url.split('#')[0]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // Ctrl-C / kill reaches the web host: start.mjs and its child both end, and the port closes.
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code === 0 || result.signal === 'SIGTERM').toBe(true);
    await expect(fetch(url.split('#')[0]!)).rejects.toThrow();
    expect(existsSync(path.join(work, 'no-electron-here', 'electron'))).toBe(false);
  }, 40_000);

  // The usual case, no override: electron's own index.js would download on require, in the foreground,
  // and print a stack trace offline. start.mjs must still give its one line, and only that.
  const hasBinary = existsSync(path.join(root, 'node_modules/electron/path.txt'));
  if (hasBinary) console.log('start test: no-override case skipped: node_modules/electron already has a binary');
  it.skipIf(hasBinary)('without a binary in node_modules/electron either, gives the same one line, no second download and no stack', async () => {
    const work = path.join(tmp, 'fallback-no-override');
    mkdirSync(work);
    const port = await closedPort();
    const { child, lines, stderr } = await startWithoutBinary(work, { ELECTRON_MIRROR: `http://127.0.0.1:${port}/` });
    try {
      expect(lines.filter((l) => /Electron/.test(l))).toEqual([
        `Electron ${ELECTRON} could not be downloaded: 127.0.0.1:${port} refused the connection; serving the app in your browser instead.`,
      ]);
      expect(stderr()).toBe('');
      expect(existsSync(path.join(root, 'node_modules/electron/path.txt'))).toBe(false);
    } finally {
      await stop(child);
    }
  }, 40_000);

  it('with a mirror that answers 404, names the status in the one line', async () => {
    const server = createServer((_req, res) => void res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const work = path.join(tmp, 'fallback-404');
    mkdirSync(work);
    try {
      const { child, lines } = await startWithoutBinary(work, {
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        ELECTRON_OVERRIDE_DIST_PATH: path.join(work, 'no-electron-here'),
      });
      await stop(child);
      expect(lines[0]).toBe(`Electron ${ELECTRON} could not be downloaded: 127.0.0.1:${port} answered HTTP 404; serving the app in your browser instead.`);
    } finally {
      server.close();
    }
  }, 40_000);

  if (process.platform === 'win32') console.log('start test: stand-in binary case skipped: a script cannot stand in for electron.exe');
  it.skipIf(process.platform === 'win32')('with a binary present, launches it with the app folder and passes the arguments on', () => {
    const dist = path.join(tmp, 'fake-electron');
    // Where electron's index.js looks under ELECTRON_OVERRIDE_DIST_PATH: path.txt's entry if npm wrote one.
    const pathTxt = path.join(root, 'node_modules/electron/path.txt');
    const exe = path.join(dist, existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron');
    mkdirSync(path.dirname(exe), { recursive: true });
    const record = path.join(tmp, 'electron-args.json');
    // A stand-in Electron: records how it was called, as JSON, and exits 7.
    writeFileSync(
      exe,
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\nprocess.exit(7);\n`,
    );
    chmodSync(exe, 0o755);
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--some-flag'], {
      cwd: root,
      env: baseEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_MIRROR: 'http://127.0.0.1:9/', DISPLAY: ':99', ELECTRON_RUN_AS_NODE: '1' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(7); // start exits the way the app exits
    const called = JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; runAsNode: string | null };
    const args = called.args.filter((a) => a !== '--no-sandbox'); // added only when running as root
    expect(args).toEqual([root, '--some-flag']);
    expect(called.runAsNode).toBeNull();
    expect(r.stdout).not.toMatch(/could not be downloaded/);
  }, 30_000);
});

/** A stored (uncompressed) zip holding one executable file: all a stand-in Electron release needs. */
function zipWithExecutable(name: string, content: Buffer): Buffer {
  const nameBuf = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix: the high bytes of the attributes are the mode
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
  const localSize = local.length + nameBuf.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, nameBuf, content, central, nameBuf, end]);
}

describe('npm start, first run where the download works', () => {
  if (process.platform !== 'linux') console.log('start test: download case skipped: its stand-in release is a Linux zip');
  it.runIf(process.platform === 'linux')('fetches Electron once with progress, unpacks it and launches it', async () => {
    const work = path.join(tmp, 'download');
    mkdirSync(work);
    const record = path.join(work, 'launched.json');
    // 3 MB of padding so progress has something to report.
    const script = `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\nprocess.exit(0);\n/*${'x'.repeat(3_000_000)}*/\n`;
    const zipName = `electron-v${ELECTRON}-linux-${process.arch}.zip`;
    const zip = zipWithExecutable('electron', Buffer.from(script));
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/v${ELECTRON}/${zipName}`) return void res.writeHead(200, { 'Content-Length': zip.length }).end(zip);
      if (req.url === `/v${ELECTRON}/SHASUMS256.txt`) return void res.writeHead(200).end(sums);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const env = baseEnv({
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      // Our stand-in is not in electron's checksums.json: take the mirror's SHASUMS256.txt instead.
      electron_use_remote_checksums: '1',
      electron_config_cache: path.join(work, 'cache'),
      ELECTRON_OVERRIDE_DIST_PATH: path.join(work, 'electron-dist'),
      DISPLAY: ':99',
    });
    const runStart = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
    try {
      const first = await runStart();
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stderr).toMatch(new RegExp(`Downloading Electron ${ELECTRON_RE} from 127\\.0\\.0\\.1:${port}: \\d+%`));
      expect(first.stderr).toMatch(/: 100% \(/);
      expect((JSON.parse(readFileSync(record, 'utf8')) as string[]).filter((a) => a !== '--no-sandbox')).toEqual([root]);
      expect(requests.filter((u) => u.endsWith('.zip'))).toHaveLength(1);

      // Second start: the unpacked binary is used as it is; nothing is fetched again.
      rmSync(record);
      const second = await runStart();
      expect(second.code).toBe(0);
      expect(existsSync(record)).toBe(true);
      expect(second.stderr).not.toMatch(/Downloading/);
      expect(requests.filter((u) => u.endsWith('.zip'))).toHaveLength(1);
    } finally {
      server.close();
    }
  }, 60_000);
});
