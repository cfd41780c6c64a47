import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupError } from '../errors.js';

/*
 * Encrypted archive format, version 2 (all integers big-endian):
 *
 *   header  = "WABACKUP" | u8 version=2 | u32 recordSize | 32B salt | 16B keyId | u16 envLen | envLen bytes recovery envelope
 *             | u16 ctxLen | ctxLen bytes context
 *   record  = u8 final(0|1) | u32 len (<= recordSize) | len bytes ciphertext | 16B GCM tag
 *
 * Each file gets its own key, HKDF-SHA256(dataKey, salt), so a counter nonce (4 zero bytes | u64 record
 * index) never repeats under one key. Every record's AAD binds SHA-256(header), its index, the final flag
 * and its length: records cannot be reordered, dropped, moved between files or re-flagged, and a stream
 * that ends without a record flagged final is truncated. Memory is bounded by one record.
 *
 * The context is in the clear but, being part of the header, authenticated by every record: the engine
 * puts the manifest there (account, version, sizes), so an archive cannot be passed off as another
 * account's or another version's. Version 1 (no context) is still read; the caller decides whether
 * an archive that cannot say whose it is may be restored (ArchiveHeader.format).
 */

export const MAGIC = Buffer.from('WABACKUP', 'ascii');
export const FORMAT_VERSION = 2;
/** Archives from before the context existed: readable, but they do not say whose or which they are. */
const LEGACY_FORMAT = 1;
export const DEFAULT_RECORD_SIZE = 64 * 1024;
const MAX_RECORD_SIZE = 4 * 1024 * 1024;
const FIXED_HEADER = MAGIC.length + 1 + 4 + 32 + 16 + 2;
const TAG = 16;

export interface ArchiveHeader {
  /** 2, or 1 for an archive written before the context existed (it then has none). */
  format: 1 | 2;
  recordSize: number;
  salt: Buffer;
  keyId: Buffer;
  /** The data key wrapped by the recovery passphrase (keys.ts), so another computer can open the archive. */
  recoveryEnvelope: Buffer | undefined;
  /** Authenticated (but not secret) bytes the writer bound to the archive; undefined in format 1. */
  context: Buffer | undefined;
}

/** Given the parsed header, returns the 32-byte data key (or rejects: WRONG_PASSPHRASE, KEY_MISMATCH, ...). */
export type KeyResolver = (header: ArchiveHeader) => Promise<Buffer>;

export function isEncryptedArchive(firstBytes: Buffer): boolean {
  return firstBytes.length >= MAGIC.length && firstBytes.subarray(0, MAGIC.length).equals(MAGIC);
}

function fileKey(dataKey: Buffer, salt: Buffer, format: number): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, `wa-backup/v${format}/file`, 32));
}

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

function aad(headerHash: Buffer, index: number, final: boolean, len: number): Buffer {
  const b = Buffer.alloc(32 + 8 + 1 + 4);
  headerHash.copy(b, 0);
  b.writeBigUInt64BE(BigInt(index), 32);
  b.writeUInt8(final ? 1 : 0, 40);
  b.writeUInt32BE(len, 41);
  return b;
}

function corrupt(why: string): BackupError {
  return new BackupError('BACKUP_CORRUPT', `The backup is damaged or was altered (${why}); it cannot be restored. Try an older version.`);
}

export interface EncryptOptions {
  dataKey: Buffer;
  keyId: Buffer;
  recoveryEnvelope?: Buffer;
  recordSize?: number;
  /** Bound to the archive and readable before its key is (ArchiveHeader.context); at most 64 KiB - 1. */
  context?: Buffer;
}

export class EncryptStream extends Transform {
  private readonly key: Buffer;
  private readonly header: Buffer;
  private readonly headerHash: Buffer;
  private readonly recordSize: number;
  /** The record held back (it may be the last one); each input byte is copied into it at most once. */
  private held: Buffer | undefined;
  private heldBytes = 0;
  private index = 0;

  constructor(options: EncryptOptions) {
    super();
    if (options.dataKey.length !== 32) throw new RangeError('dataKey must be 32 bytes');
    if (options.keyId.length !== 16) throw new RangeError('keyId must be 16 bytes');
    this.recordSize = options.recordSize ?? DEFAULT_RECORD_SIZE;
    if (this.recordSize < 1 || this.recordSize > MAX_RECORD_SIZE) throw new RangeError('recordSize out of range');
    const env = options.recoveryEnvelope ?? Buffer.alloc(0);
    const context = options.context ?? Buffer.alloc(0);
    if (env.length > 0xffff || context.length > 0xffff) throw new RangeError('recovery envelope and context must each be under 64 KiB');
    const salt = randomBytes(32);
    const fixed = Buffer.alloc(FIXED_HEADER);
    MAGIC.copy(fixed, 0);
    fixed.writeUInt8(FORMAT_VERSION, 8);
    fixed.writeUInt32BE(this.recordSize, 9);
    salt.copy(fixed, 13);
    options.keyId.copy(fixed, 45);
    fixed.writeUInt16BE(env.length, 61);
    const ctxLen = Buffer.alloc(2);
    ctxLen.writeUInt16BE(context.length, 0);
    this.header = Buffer.concat([fixed, env, ctxLen, context]);
    this.headerHash = createHash('sha256').update(this.header).digest();
    this.key = fileKey(options.dataKey, salt, FORMAT_VERSION);
    this.push(this.header);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    // Hold back up to one full record: only when more data follows do we know it is not the last one.
    let at = 0;
    while (at < chunk.length) {
      if (this.heldBytes === this.recordSize) {
        this.emitRecord(this.held!, false);
        this.heldBytes = 0;
      }
      if (this.heldBytes === 0 && chunk.length - at > this.recordSize) {
        // A whole record with more after it, straight from the chunk: no copy at all.
        this.emitRecord(chunk.subarray(at, at + this.recordSize), false);
        at += this.recordSize;
        continue;
      }
      this.held ??= Buffer.allocUnsafe(this.recordSize);
      const n = chunk.copy(this.held, this.heldBytes, at, Math.min(chunk.length, at + this.recordSize - this.heldBytes));
      this.heldBytes += n;
      at += n;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emitRecord(this.held ? this.held.subarray(0, this.heldBytes) : Buffer.alloc(0), true);
    this.heldBytes = 0;
    done();
  }

  private emitRecord(plain: Buffer, final: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index));
    cipher.setAAD(aad(this.headerHash, this.index, final, plain.length));
    const head = Buffer.alloc(5);
    head.writeUInt8(final ? 1 : 0, 0);
    head.writeUInt32BE(plain.length, 1); // GCM: ciphertext length = plaintext length
    const body = cipher.update(plain);
    const last = cipher.final();
    // `plain` may be the reused held buffer: everything pushed is a fresh copy (cipher output), never `plain`.
    this.push(Buffer.concat([head, body, last, cipher.getAuthTag()], 5 + plain.length + TAG));
    this.index++;
  }
}

/**
 * Decrypts and authenticates. Plaintext is released record by record, so a consumer must treat what
 * it received as untrusted until the stream ends without error (restore writes to a temp folder and
 * swaps only after that).
 */
export class DecryptStream extends Transform {
  /** The bytes being parsed; only assembled once `need` bytes are there, so each byte is copied at most twice. */
  private buf: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes needed before parsing can advance: the header, a record header, or a whole record. */
  private need = FIXED_HEADER;
  private header: Buffer | undefined;
  private headerHash: Buffer | undefined;
  private recordSize = 0;
  private key: Buffer | undefined;
  private index = 0;
  private finished = false;

  constructor(private readonly resolveKey: KeyResolver) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    // Small network chunks are collected, not re-joined with the remainder on each arrival (quadratic).
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.need) return done();
    this.buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.drain().then(() => {
      if (this.buf.length > 0) {
        this.pending.push(this.buf);
        this.pendingBytes = this.buf.length;
      }
      this.buf = Buffer.alloc(0);
      done();
    }, (err: unknown) => done(err as Error));
  }

  override _flush(done: TransformCallback): void {
    if (!this.header) return done(corrupt('it is shorter than its header'));
    if (!this.finished) return done(corrupt('it is truncated'));
    done();
  }

  /** The header once all of it is in `buf` (consumed from it), else undefined with `need` set. */
  private parseHeader(): ArchiveHeader | undefined {
    const format = this.buf.readUInt8(8);
    if (format !== FORMAT_VERSION && format !== LEGACY_FORMAT) throw new BackupError('BACKUP_CORRUPT', `This backup uses format ${format}, which this version of the app cannot read. Update the app.`);
    const envLen = this.buf.readUInt16BE(61);
    const ctxAt = FIXED_HEADER + envLen + 2;
    let end = FIXED_HEADER + envLen;
    if (format !== LEGACY_FORMAT) {
      if (this.buf.length < ctxAt) return void (this.need = ctxAt);
      end = ctxAt + this.buf.readUInt16BE(ctxAt - 2);
    }
    if (this.buf.length < end) return void (this.need = end);
    this.recordSize = this.buf.readUInt32BE(9);
    if (this.recordSize < 1 || this.recordSize > MAX_RECORD_SIZE) throw corrupt('bad record size');
    this.header = this.buf.subarray(0, end);
    this.headerHash = createHash('sha256').update(this.header).digest();
    const parsed: ArchiveHeader = {
      format,
      recordSize: this.recordSize,
      salt: Buffer.from(this.buf.subarray(13, 45)),
      keyId: Buffer.from(this.buf.subarray(45, 61)),
      recoveryEnvelope: envLen > 0 ? Buffer.from(this.buf.subarray(FIXED_HEADER, FIXED_HEADER + envLen)) : undefined,
      context: format === LEGACY_FORMAT ? undefined : Buffer.from(this.buf.subarray(ctxAt, end)),
    };
    this.buf = this.buf.subarray(end);
    return parsed;
  }

  private async drain(): Promise<void> {
    if (!this.header) {
      if (this.buf.length < FIXED_HEADER) return void (this.need = FIXED_HEADER);
      if (!isEncryptedArchive(this.buf)) throw corrupt('not an encrypted backup');
      const header = this.parseHeader();
      if (!header) return;
      const dataKey = await this.resolveKey(header);
      this.key = fileKey(dataKey, header.salt, header.format);
    }
    if (this.finished && this.buf.length > 0) throw corrupt('data after the final record');
    this.need = 5;
    while (this.buf.length >= 5) {
      const final = this.buf.readUInt8(0);
      const len = this.buf.readUInt32BE(1);
      if (final > 1 || len > this.recordSize) throw corrupt('bad record header');
      if (this.buf.length < 5 + len + TAG) return void (this.need = 5 + len + TAG);
      const body = this.buf.subarray(5, 5 + len);
      const tag = this.buf.subarray(5 + len, 5 + len + TAG);
      const decipher = createDecipheriv('aes-256-gcm', this.key!, nonce(this.index));
      decipher.setAAD(aad(this.headerHash!, this.index, final === 1, len));
      decipher.setAuthTag(tag);
      let plain: Buffer;
      try {
        plain = decipher.update(body);
        decipher.final(); // GCM: nothing more to output, only the tag check
      } catch {
        throw corrupt(`record ${this.index} failed authentication`);
      }
      this.push(plain);
      this.index++;
      this.finished = final === 1;
      this.buf = this.buf.subarray(5 + len + TAG);
      if (this.finished && this.buf.length > 0) throw corrupt('data after the final record');
      this.need = this.finished ? 1 : 5; // after the final record, any byte at all is an error
    }
  }
}
