import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, _electron, type Page } from '@playwright/test';

const ROOT = resolve(__dirname, '..');
const WEB_ENTRY = join(ROOT, 'dist/main/web.cjs');

export interface HostHandle {
  /** The address to open (carries the access token); changes after restart(). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Everything the host printed so far (to check that nothing secret was logged). */
  readonly output: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `node dist/main/web.cjs` on a random port and waits for its "Open …" line. */
export class WebHostProcess implements HostHandle {
  private child?: ChildProcess;
  private address = '';
  private out = '';

  constructor(
    readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  get url(): string {
    return this.address;
  }
  get origin(): string {
    return new URL(this.address).origin;
  }
  get token(): string {
    return new URL(this.address).hash.replace('#token=', '');
  }
  get output(): string {
    return this.out;
  }

  async start(): Promise<void> {
    if (!existsSync(WEB_ENTRY)) throw new Error(`${WEB_ENTRY} is missing: run \`npm run build\` before the e2e specs.`);
    const child = spawn(process.execPath, [WEB_ENTRY, '--port', '0', '--data-dir', this.dataDir], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.address = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`web host did not start:\n${this.out}`)), 30_000);
      const onData = (chunk: Buffer) => {
        this.out += chunk.toString();
        const m = /^Open (http:\/\/\S+)$/m.exec(this.out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c: Buffer) => (this.out += c.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`web host exited with ${code}:\n${this.out}`));
      });
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.out = '';
    await this.start();
  }
}

type Fixtures = { host: HostHandle; hostEnv: NodeJS.ProcessEnv };

export const test = base.extend<Fixtures>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
    const host = new WebHostProcess(dataDir, hostEnv);
    await host.start();
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  // In the `electron` project the same specs drive the desktop window instead of a browser tab.
  page: async ({ page, host }, use, testInfo) => {
    const electronPath = (testInfo.project.metadata as { electronPath?: string } | undefined)?.electronPath;
    if (!electronPath) return use(page);
    const app = await _electron.launch({
      executablePath: electronPath,
      args: [join(ROOT, 'dist/main/electron.cjs'), `--user-data-dir=${host.dataDir}-electron`],
    });
    const win: Page = await app.firstWindow();
    // The specs navigate to host.url; in Electron the window already shows the app, so ignore that.
    const goto = win.goto.bind(win);
    win.goto = async (url, opts) => (url.startsWith(host.origin) ? null : goto(url, opts));
    await use(win);
    await app.close();
  },
});

export { expect };
