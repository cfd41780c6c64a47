import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UPLOAD_CHUNK_BYTES, UPLOAD_MAX_BYTES, type ExportFile } from '../../preload/contract';
import { AppError } from '../errors';
import { createArchive } from './archive/zipArchive';
import { keyIdOf, sealWithPassphrase, type ScryptParams } from './crypto/keys';
import { EncryptStream } from './crypto/streamCipher';

export interface FileTransfersDeps {
  /** The data folder's tmp/ (private, emptied at every start): uploads and exports live there and nowhere else. */
  workDir: string;
  now?: () => number;
  app: { name: string; version: string };
  libraryVersion: string;
  scrypt?: ScryptParams;
}

interface Held {
  path: string;
  fileName: string;
  size: number;
  /** Last written or made: what is left alone for IDLE_MS (a dialog closed half-way) is removed. */
  touchedAt: number;
}

/** An upload or export nobody came back for in this long is deleted (the next transfer sweeps). */
export const IDLE_MS = 30 * 60_000;

const EXPORT_ID = /^ex-[a-f0-9]{24}$/;

/**
 * Files that pass between the page and main: a file offered for import arrives in pieces
 * (backup.upload) in tmp/uploads/, capped at UPLOAD_MAX_BYTES; an export is written to tmp/exports/
 * and read once (the web host's EXPORT_PATH or backup.exportRead), then deleted. Nothing is kept
 * across a restart: tmp/ is emptied when the app starts.
 */
export class FileTransfers {
  private readonly uploads = new Map<string, Held>();
  private readonly exports = new Map<string, Held>();

  constructor(private readonly deps: FileTransfersDeps) {}

  async upload(uploadId: string | undefined, base64: string): Promise<{ uploadId: string; size: number }> {
    await this.sweep();
    const data = Buffer.from(base64, 'base64');
    if (data.length > UPLOAD_CHUNK_BYTES) throw new AppError('INVALID_INPUT', 'A piece of an upload is at most 512 KiB.', 'data');
    let held = uploadId ? this.uploads.get(uploadId) : undefined;
    if (uploadId && !held) throw new AppError('NOT_FOUND', 'That upload is gone (the app restarted, or it was used); choose the file again.');
    const id = uploadId ?? `up-${randomBytes(12).toString('hex')}`;
    if (!held) {
      const dir = join(this.deps.workDir, 'uploads');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      held = { path: join(dir, id), fileName: '', size: 0, touchedAt: this.now() };
      this.uploads.set(id, held);
    }
    if (held.size + data.length > UPLOAD_MAX_BYTES) {
      await this.dropUpload(id);
      throw new AppError('INVALID_INPUT', `The file is larger than ${UPLOAD_MAX_BYTES / 2 ** 30} GiB; a WhatsApp session is never that large.`, 'file');
    }
    await appendFile(held.path, data, { mode: 0o600 });
    held.size += data.length;
    held.touchedAt = this.now();
    return { uploadId: id, size: held.size };
  }

  /** The uploaded file's path; it is the caller's until dropUpload. */
  uploaded(uploadId: string): string {
    const held = this.uploads.get(uploadId);
    if (!held) throw new AppError('NOT_FOUND', 'That upload is gone (the app restarted, or it was used); choose the file again.');
    return held.path;
  }

  async dropUpload(uploadId: string): Promise<void> {
    const held = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (held) await rm(held.path, { force: true });
  }

  /**
   * The account's session as a file: a RemoteAuth zip (`RemoteAuth-<id>.zip`, what stock RemoteAuth's
   * extract() expects), or that zip encrypted with a key of its own, sealed by `passphrase` alone
   * (nothing of this install's key), with the manifest bound to it.
   */
  async exportAccount(o: { accountId: string; profileDir: string; phoneNumber?: string; passphrase?: string }): Promise<ExportFile> {
    await this.sweep();
    const archive = await createArchive({ profileDir: o.profileDir, workDir: this.deps.workDir, accountId: o.accountId, app: this.deps.app, libraryVersion: this.deps.libraryVersion, encrypted: o.passphrase !== undefined, ...(o.phoneNumber ? { phoneNumber: o.phoneNumber } : {}) });
    try {
      const dir = join(this.deps.workDir, 'exports');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const exportId = `ex-${randomBytes(12).toString('hex')}`;
      const path = join(dir, exportId);
      if (o.passphrase === undefined) await rename(archive.zipPath, path);
      else {
        const key = randomBytes(32);
        const recoveryEnvelope = await sealWithPassphrase(key, o.passphrase, this.deps.scrypt);
        const context = Buffer.from(JSON.stringify(archive.manifest), 'utf8');
        await pipeline(createReadStream(archive.zipPath), new EncryptStream({ dataKey: key, keyId: keyIdOf(key), recoveryEnvelope, context }), createWriteStream(path, { mode: 0o600 }));
      }
      const fileName = o.passphrase === undefined ? `RemoteAuth-${o.accountId}.zip` : `RemoteAuth-${o.accountId}.wabackup`;
      const size = (await stat(path)).size;
      this.exports.set(exportId, { path, fileName, size, touchedAt: this.now() });
      return { exportId, fileName, size, encrypted: o.passphrase !== undefined };
    } finally {
      await archive.dispose();
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Uploads and exports left alone for IDLE_MS: their dialog was closed, or the page went away. */
  private async sweep(): Promise<void> {
    for (const map of [this.uploads, this.exports]) {
      for (const [id, held] of map) {
        if (this.now() - held.touchedAt < IDLE_MS) continue;
        map.delete(id);
        await rm(held.path, { force: true });
      }
    }
  }

  /** The export as a stream, once: it is forgotten now and its file deleted when the stream closes. */
  takeExport(exportId: string): { stream: Readable; fileName: string; size: number } | null {
    const held = EXPORT_ID.test(exportId) ? this.exports.get(exportId) : undefined;
    if (!held) return null;
    this.exports.delete(exportId);
    const stream = createReadStream(held.path);
    stream.once('close', () => void rm(held.path, { force: true }));
    return { stream, fileName: held.fileName, size: held.size };
  }

  /** A piece of the export for a host without HTTP (Electron); the file is deleted after its last piece. */
  async readExport(exportId: string, offset: number): Promise<{ data: string; done: boolean }> {
    const held = EXPORT_ID.test(exportId) ? this.exports.get(exportId) : undefined;
    if (!held) throw new AppError('NOT_FOUND', 'That export is gone (it was saved already, or the app restarted); export again.');
    const file = await open(held.path, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(UPLOAD_CHUNK_BYTES, held.size - offset)));
      const { bytesRead } = await file.read(buf, 0, buf.length, offset);
      const done = offset + bytesRead >= held.size;
      if (done) {
        this.exports.delete(exportId);
        await rm(held.path, { force: true });
      }
      return { data: buf.subarray(0, bytesRead).toString('base64'), done };
    } finally {
      await file.close();
    }
  }
}
