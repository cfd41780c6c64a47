import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError, systemCode } from '../errors.js';
import type { ConnectionReport, LeaseInfo, VersionInfo } from './BackupStore.js';
import { isSkipped, NO_COMPLETE_VERSION, NOT_A_SESSION_NAME, zipFileSession, type ImportScan } from './remoteAuthLayouts.js';
import { checkSession, checkVersionId, counted, newestFirst, SESSION_NAME, StoreBase, versionTimeOf, writeFailure, type LeaseRecord, type StoreBaseOptions } from './StoreBase.js';

export interface FolderStoreOptions extends StoreBaseOptions {
  /** Existing folder (local disk, USB drive, network share). Never created by us: see ensureRoot(). */
  root: string;
}

const BODY = /^([0-9]{15}-[0-9a-f]{8})\.bin$/;
/** A lease file torn by a crash reads as a lease that ran out long ago: anyone may take it, by replacing the file. */
const TORN: LeaseInfo = { owner: '', acquiredAt: 0, heartbeatAt: 0, expiresAt: 0 };

/**
 * Layout: `<root>/<session>/<version>.bin` (the bytes), `<version>.json` (size, time, meta) and
 * `lease.json`. A version is written to `.tmp-<version>`, flushed to disk, and renamed: the rename is
 * the commit point, so a reader never sees half a version.
 */
export class FolderStore extends StoreBase {
  readonly description: string;
  private readonly root: string;

  constructor(options: FolderStoreOptions) {
    super(options);
    if (!isAbsolute(options.root)) throw new RangeError('FolderStore root must be an absolute path');
    this.root = options.root;
    this.description = `folder ${options.root}`;
  }

  protected async writeVersion(session: string, id: string, body: Readable, meta: Record<string, string>): Promise<VersionInfo> {
    const dir = await this.sessionDir(session, true);
    const temp = join(dir, `.tmp-${id}`);
    const counter = counted(body);
    try {
      await pipeline(counter, createWriteStream(temp, { flush: true }));
      const size = (await stat(temp)).size;
      if (size !== counter.bytes) throw this.sizeMismatch(size, counter.bytes);
      const info: VersionInfo = { id, size, createdAt: this.now(), meta };
      await writeFile(join(dir, `${id}.json`), JSON.stringify(info), { flush: true });
      await rename(temp, join(dir, `${id}.bin`));
      return info;
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      await rm(join(dir, `${id}.json`), { force: true }).catch(() => undefined);
      throw writeFailure(counter, err, (e) => this.classify(e, 'write the backup'));
    }
  }

  async listVersions(session: string): Promise<VersionInfo[]> {
    const dir = await this.sessionDir(session, false);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (systemCode(err) === 'ENOENT') return [];
      throw this.classify(err, 'list backups');
    }
    const out: VersionInfo[] = [];
    for (const name of names) {
      const id = BODY.exec(name)?.[1];
      if (!id) continue;
      try {
        const size = (await stat(join(dir, name))).size;
        const side = await readFile(join(dir, `${id}.json`), 'utf8').then((t) => JSON.parse(t) as Partial<VersionInfo>).catch(() => ({}) as Partial<VersionInfo>);
        out.push({ id, size, createdAt: side.createdAt ?? versionTimeOf(id), meta: side.meta ?? {} });
      } catch (err) {
        if (systemCode(err) === 'ENOENT') continue; // pruned while listing
        throw this.classify(err, 'list backups');
      }
    }
    return out.sort(newestFirst);
  }

  async getVersion(session: string, versionId: string): Promise<Readable> {
    checkVersionId(versionId);
    const file = join(await this.sessionDir(session, false), `${versionId}.bin`);
    try {
      await stat(file);
    } catch (err) {
      if (systemCode(err) === 'ENOENT') throw this.versionMissing(session, versionId);
      throw this.classify(err, 'read the backup');
    }
    return createReadStream(file);
  }

  async deleteVersion(session: string, versionId: string): Promise<void> {
    checkVersionId(versionId);
    const dir = await this.sessionDir(session, false);
    try {
      // Body first: a version without its sidecar is still listed correctly, a sidecar alone is ignored.
      await rm(join(dir, `${versionId}.bin`), { force: true });
      await rm(join(dir, `${versionId}.json`), { force: true });
    } catch (err) {
      throw this.classify(err, 'delete a backup');
    }
  }

  /** `<root>/<session>.zip`, as stock RemoteAuth with a plain folder store leaves it; folders that look like sessions but hold none are named. */
  override async scanImports(): Promise<ImportScan> {
    await this.ensureRoot();
    const out: ImportScan = { sessions: [], skipped: [] };
    try {
      for (const e of (await readdir(this.root, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory()) {
          if (!/^remoteauth/i.test(e.name)) continue;
          if (!SESSION_NAME.test(e.name)) out.skipped.push({ name: `${e.name}/`, reason: NOT_A_SESSION_NAME });
          else if ((await this.listVersions(e.name)).length === 0) out.skipped.push({ name: `${e.name}/`, reason: NO_COMPLETE_VERSION });
          continue;
        }
        if (!e.isFile()) continue;
        const s = await stat(join(this.root, e.name));
        const found = zipFileSession(e.name, s.size, s.mtimeMs);
        if (found && isSkipped(found)) out.skipped.push(found);
        else if (found) out.sessions.push(found);
      }
    } catch (err) {
      throw this.classify(err, 'list the backup folder');
    }
    return out;
  }

  override async openImport(session: string, versionId: string): Promise<Readable> {
    checkSession(session);
    const found = (await this.scanImports()).sessions.find((s) => s.session === session && s.versions.some((v) => v.id === versionId));
    if (!found) throw this.versionMissing(session, versionId);
    return createReadStream(join(this.root, found.where));
  }

  async testConnection(): Promise<ConnectionReport> {
    const started = Date.now();
    await this.ensureRoot();
    const probe = join(this.root, `.write-test-${process.pid}-${started}`);
    try {
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
    } catch (err) {
      throw this.classify(err, 'write a test file');
    }
    return { latencyMs: Date.now() - started };
  }

  protected async readLeaseRecord(session: string): Promise<LeaseRecord | null> {
    const lease = await this.readLeaseFile(await this.leaseFile(session, false));
    return lease ? { lease } : null;
  }

  protected async swapLease(session: string, prev: LeaseRecord | null, next: LeaseInfo): Promise<boolean> {
    const file = await this.leaseFile(session, true);
    try {
      if (prev) await this.replaceFile(file, JSON.stringify(next));
      else await writeFile(file, JSON.stringify(next), { flag: 'wx' }); // exclusive: two first-comers cannot both win
    } catch (err) {
      if (systemCode(err) === 'EEXIST') return false;
      throw this.classify(err, 'write the lease');
    }
    // A folder has no compare-and-swap; re-reading tells the loser of a simultaneous write.
    const after = await this.readLeaseFile(file);
    return after?.owner === next.owner && after.expiresAt === next.expiresAt;
  }

  protected async dropLease(session: string): Promise<void> {
    await rm(await this.leaseFile(session, false), { force: true }).catch((err: unknown) => { throw this.classify(err, 'release the lease'); });
  }

  async close(): Promise<void> {}

  private async readLeaseFile(file: string): Promise<LeaseInfo | null> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as LeaseInfo;
    } catch (err) {
      if (systemCode(err) === 'ENOENT') return null;
      if (err instanceof SyntaxError) return TORN; // torn by a crash mid-write
      throw this.classify(err, 'read the lease');
    }
  }

  private async replaceFile(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}-${Math.random().toString(16).slice(2)}`;
    try {
      await writeFile(temp, text, { flush: true });
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw this.classify(err, 'write the lease');
    }
  }

  /**
   * The root must already exist: if a network share or USB drive is not mounted, creating the folder
   * would silently put backups on the local disk.
   */
  private async ensureRoot(): Promise<void> {
    try {
      const s = await stat(this.root);
      if (!s.isDirectory()) throw new BackupError('STORE_NOT_FOUND', `${this.root} is not a folder.`, 'FOLDER_MISSING');
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw this.classify(err, 'open the backup folder');
    }
  }

  protected async listSessionCandidates(): Promise<string[]> {
    await this.ensureRoot();
    try {
      return (await readdir(this.root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (err) {
      throw this.classify(err, 'list the backup folder');
    }
  }

  private async leaseFile(session: string, create: boolean): Promise<string> {
    return join(await this.sessionDir(session, create), 'lease.json');
  }

  private async sessionDir(session: string, create: boolean): Promise<string> {
    checkSession(session);
    await this.ensureRoot();
    const dir = join(this.root, session);
    if (create) await mkdir(dir, { recursive: true }).catch((err: unknown) => { throw this.classify(err, 'create the session folder'); });
    return dir;
  }

  private classify(err: unknown, action: string): BackupError {
    if (err instanceof BackupError) return err;
    const code = systemCode(err);
    const where = `Could not ${action} in ${this.description}`;
    switch (code) {
      case 'ENOENT':
      case 'ENOTDIR':
        return new BackupError('STORE_NOT_FOUND', `${where}: the folder does not exist. Is the drive or network share connected?`, 'FOLDER_MISSING', { cause: err });
      case 'EACCES':
      case 'EPERM':
      case 'EROFS':
        return new BackupError('STORE_PERMISSION', `${where}: no permission to write there. Choose another folder or fix its permissions.`, undefined, { cause: err });
      case 'ENOSPC':
      case 'EDQUOT':
        return new BackupError('STORE_FULL', `${where}: the disk is full. Free some space; the previous backup is kept.`, undefined, { cause: err });
      case 'EIO':
      case 'ETIMEDOUT':
      case 'EHOSTDOWN':
      case 'ESTALE':
        return new BackupError('STORE_UNREACHABLE', `${where}: the drive or share stopped answering (${code}).`, 'NETWORK', { cause: err });
      default:
        return new BackupError('STORE_ERROR', `${where}: ${code ?? (err instanceof Error ? err.message : String(err))}.`, undefined, { cause: err });
    }
  }
}
