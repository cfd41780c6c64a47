import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testBrowserSetting } from './testBrowser';

const ROOT = resolve(__dirname, '..');

function browserSettingEnv(): NodeJS.ProcessEnv {
  const setting = testBrowserSetting();
  return setting ? { WA_ACCOUNTS_BROWSER: setting } : {};
}
const WEB_ENTRY = join(ROOT, 'dist/main/web.cjs');

export interface HostHandle {
  /** The address to open (carries the access token); changes after restart(). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Everything the host printed so far (to check that nothing secret was logged). */
  readonly output: string;
  /** Stops and starts again; `samePort` keeps the address but not the token, as a user's restart with --port does. */
  restart(samePort?: boolean): Promise<void>;
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

  /** The host's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** `port` 0 (default) picks a free one; pass the last one to come back on the same address. */
  async start(port = 0): Promise<void> {
    if (!existsSync(WEB_ENTRY)) throw new Error(`${WEB_ENTRY} is missing: run \`npm run build\` before the e2e specs.`);
    this.out = '';
    const child = spawn(process.execPath, [WEB_ENTRY, '--port', String(port), '--data-dir', this.dataDir], {
      // CHROMIUM_PATH stands in for the user's browser setting (e2e/testBrowser.ts).
      env: { ...process.env, ...browserSettingEnv(), ...this.env },
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

  async restart(samePort = false): Promise<void> {
    const port = samePort ? Number(new URL(this.address).port) : 0;
    await this.stop();
    await this.start(port);
  }
}

