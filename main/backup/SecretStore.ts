import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyProtector } from './crypto/keys';

/**
 * Store credentials, wrapped by the OS keychain in Electron (safeStorage) or by the web host's key file,
 * in a file readable only by this user. They never go back to a renderer and never into a log.
 */
export class SecretStore {
  private cache?: Promise<Record<string, string>>;

  constructor(
    private readonly file: string,
    private readonly protector: KeyProtector,
  ) {}

  async get(ref: string): Promise<string | undefined> {
    const wrapped = (await this.load())[ref];
    if (wrapped === undefined) return undefined;
    return (await this.protector.unwrap(Buffer.from(wrapped, 'base64'))).toString('utf8');
  }

  async has(ref: string): Promise<boolean> {
    return (await this.load())[ref] !== undefined;
  }

  async set(ref: string, value: string): Promise<void> {
    const all = { ...(await this.load()) };
    all[ref] = (await this.protector.wrap(Buffer.from(value, 'utf8'))).toString('base64');
    await this.write(all);
  }

  async delete(ref: string): Promise<void> {
    const all = { ...(await this.load()) };
    delete all[ref];
    await this.write(all);
  }

  private load(): Promise<Record<string, string>> {
    this.cache ??= readFile(this.file, 'utf8')
      .then((t) => JSON.parse(t) as Record<string, string>)
      .catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return {};
        this.cache = undefined;
        throw err;
      });
    return this.cache;
  }

  private async write(all: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      // flush: fsync before the rename, so a crash leaves the old file or the new one, never an empty one.
      await writeFile(temp, JSON.stringify(all), { mode: 0o600, flush: true });
      await rename(temp, this.file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    this.cache = Promise.resolve(all);
  }
}
