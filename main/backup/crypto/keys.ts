import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { BackupError, systemCode } from '../errors.js';
import { DecryptStream, EncryptStream, type ArchiveHeader, type KeyResolver } from './streamCipher.js';

/**
 * Protects the per-install data key at rest. The Electron implementation wraps with safeStorage (OS
 * keychain); FileKeyProtector is for the web host and tests. Both must round-trip any byte string.
 */
export interface KeyProtector {
  wrap(plain: Buffer): Promise<Buffer>;
  /** Rejects with KEY_UNAVAILABLE if the wrapped key cannot be opened (keychain reset, key file replaced). */
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

function gcmSeal(key: Buffer, plain: Buffer, aadText: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aadText);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
}

/** Returns undefined when authentication fails (wrong key or tampered). */
function gcmOpen(key: Buffer, sealed: Buffer, aadText: Buffer): Buffer | undefined {
  if (sealed.length < 12 + 16) return undefined;
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(aadText);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
  } catch {
    return undefined;
  }
}

/** Writes via temp file + rename so a crash never leaves a half-written key file. Mode 0600. */
async function writeSecretFile(file: string, data: string | Buffer, exclusive = false): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  if (exclusive) {
    await writeFile(file, data, { mode: 0o600, flag: 'wx' });
    return;
  }
  const temp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, data, { mode: 0o600, flush: true });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** A 32-byte master key in a file readable only by this user (web host; Electron uses safeStorage). */
export class FileKeyProtector implements KeyProtector {
  private master: Promise<Buffer> | undefined;

  constructor(private readonly keyFile: string) {
    if (!isAbsolute(keyFile)) throw new RangeError('keyFile must be an absolute path');
  }

  async wrap(plain: Buffer): Promise<Buffer> {
    return gcmSeal(await this.key(), plain, Buffer.from('wa-backup/file-protector'));
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    const plain = gcmOpen(await this.key(), wrapped, Buffer.from('wa-backup/file-protector'));
    if (!plain) throw new BackupError('KEY_UNAVAILABLE', `The backup key cannot be opened with ${this.keyFile}: the key file was replaced or damaged. Use the recovery passphrase to open existing backups.`);
    return plain;
  }

  private key(): Promise<Buffer> {
    this.master ??= this.loadOrCreate().catch((err: unknown) => {
      this.master = undefined;
      throw err;
    });
    return this.master;
  }

  private async loadOrCreate(): Promise<Buffer> {
    try {
      const key = await readFile(this.keyFile);
      if (key.length !== 32) throw new BackupError('KEY_UNAVAILABLE', `The key file ${this.keyFile} is damaged (wrong size).`);
      // Tighten permissions someone loosened (a copy, a restore from another backup tool).
      if (process.platform !== 'win32' && ((await stat(this.keyFile)).mode & 0o077) !== 0) await chmod(this.keyFile, 0o600);
      return key;
    } catch (err) {
      if (systemCode(err) !== 'ENOENT') throw err;
    }
    const key = randomBytes(32);
    try {
      await writeSecretFile(this.keyFile, key, true);
      return key;
    } catch (err) {
      if (systemCode(err) === 'EEXIST') return this.loadOrCreate(); // another process created it first
      throw err;
    }
  }
}

// ---- recovery passphrase ----

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/** 2^15 * 8 * 128 B = 32 MiB and roughly 0.1-0.3 s per attempt on a laptop. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

function scrypt(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** keyId = first 16 bytes of HMAC-SHA256(dataKey, "key-id"): names a key without revealing it. */
export function keyIdOf(dataKey: Buffer): Buffer {
  return createHmac('sha256', dataKey).update('wa-backup/key-id').digest().subarray(0, 16);
}

/**
 * Envelope = JSON {v, N, r, p, salt, sealed}: the data key sealed with scrypt(passphrase). It travels in
 * every archive header, so the passphrase alone opens a backup on another computer.
 */
export async function sealWithPassphrase(dataKey: Buffer, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<Buffer> {
  if (passphrase.length < 8) throw new RangeError('The recovery passphrase must have at least 8 characters');
  const salt = randomBytes(16);
  const kek = await scrypt(passphrase, salt, params);
  const sealed = gcmSeal(kek, dataKey, keyIdOf(dataKey));
  return Buffer.from(JSON.stringify({ v: 1, ...params, salt: salt.toString('base64'), keyId: keyIdOf(dataKey).toString('base64'), sealed: sealed.toString('base64') }));
}

export async function openWithPassphrase(envelope: Buffer, passphrase: string): Promise<Buffer> {
  let e: { v?: number; N?: number; r?: number; p?: number; salt?: string; keyId?: string; sealed?: string };
  try {
    e = JSON.parse(envelope.toString('utf8')) as typeof e;
  } catch {
    throw new BackupError('BACKUP_CORRUPT', 'The recovery information in this backup is damaged.');
  }
  const { N, r, p } = e;
  // Bounds stop a crafted archive from making us allocate gigabytes.
  if (e.v !== 1 || !N || !r || !p || N > 2 ** 20 || r > 16 || p > 4 || !e.salt || !e.keyId || !e.sealed) {
    throw new BackupError('BACKUP_CORRUPT', 'The recovery information in this backup is damaged or from a newer app version.');
  }
  const kek = await scrypt(passphrase, Buffer.from(e.salt, 'base64'), { N, r, p });
  const key = gcmOpen(kek, Buffer.from(e.sealed, 'base64'), Buffer.from(e.keyId, 'base64'));
  if (!key) throw new BackupError('WRONG_PASSPHRASE', 'The recovery passphrase is not the one this backup was made with. Check it and try again.');
  return key;
}

// ---- the per-install keyring ----

interface KeyringFile {
  v: 1;
  keyId: string;
  wrapped: string;
  recovery?: string;
}

/**
 * The per-install data key, kept wrapped by a KeyProtector in a small JSON file (mode 0600), plus the
 * same key sealed by the recovery passphrase once the user sets one.
 */
export class DataKeyring {
  private cache: Promise<{ key: Buffer; file: KeyringFile }> | undefined;

  constructor(private readonly options: { file: string; protector: KeyProtector; scrypt?: ScryptParams }) {
    if (!isAbsolute(options.file)) throw new RangeError('keyring file must be an absolute path');
  }

  async dataKey(): Promise<{ key: Buffer; keyId: Buffer }> {
    const { key } = await this.load();
    return { key, keyId: keyIdOf(key) };
  }

  async hasRecoveryPassphrase(): Promise<boolean> {
    return !!(await this.load()).file.recovery;
  }

  async recoveryEnvelope(): Promise<Buffer | undefined> {
    const r = (await this.load()).file.recovery;
    return r ? Buffer.from(r, 'base64') : undefined;
  }

  /** Sets or replaces the passphrase. Archives made earlier still open with the passphrase they carry. */
  async setRecoveryPassphrase(passphrase: string): Promise<void> {
    const { key, file } = await this.load();
    const envelope = await sealWithPassphrase(key, passphrase, this.options.scrypt);
    const next: KeyringFile = { ...file, recovery: envelope.toString('base64') };
    await writeSecretFile(this.options.file, JSON.stringify(next));
    this.cache = Promise.resolve({ key, file: next });
  }

  /** A stream that encrypts with this install's key and embeds the recovery envelope (if one is set). */
  async encryptor(recordSize?: number): Promise<EncryptStream> {
    const { key, keyId } = await this.dataKey();
    const recoveryEnvelope = await this.recoveryEnvelope();
    return new EncryptStream({ dataKey: key, keyId, ...(recoveryEnvelope ? { recoveryEnvelope } : {}), ...(recordSize ? { recordSize } : {}) });
  }

  decryptor(passphrase?: string): DecryptStream {
    return new DecryptStream(this.resolver(passphrase));
  }

  /**
   * Resolves archive keys: this install's key when the archive was made here; otherwise the archive's
   * recovery envelope opened with `passphrase` (another computer's backup).
   */
  resolver(passphrase?: string): KeyResolver {
    return async (header: ArchiveHeader) => {
      const { key, keyId } = await this.dataKey();
      if (header.keyId.equals(keyId)) return key;
      if (passphrase === undefined) {
        throw new BackupError('KEY_MISMATCH', 'This backup was made on another computer (or before the key was reset). Enter its recovery passphrase to open it.');
      }
      return passphraseResolver(passphrase)(header);
    };
  }

  private load(): Promise<{ key: Buffer; file: KeyringFile }> {
    this.cache ??= this.loadOrCreate().catch((err: unknown) => {
      this.cache = undefined;
      throw err;
    });
    return this.cache;
  }

  private async loadOrCreate(): Promise<{ key: Buffer; file: KeyringFile }> {
    let text: string | undefined;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (err) {
      if (systemCode(err) !== 'ENOENT') throw err;
    }
    if (text !== undefined) {
      const file = JSON.parse(text) as KeyringFile;
      const key = await this.options.protector.unwrap(Buffer.from(file.wrapped, 'base64'));
      if (!keyIdOf(key).equals(Buffer.from(file.keyId, 'base64'))) throw new BackupError('KEY_UNAVAILABLE', 'The backup key file does not match its key id; it is damaged.');
      return { key, file };
    }
    const key = randomBytes(32);
    const file: KeyringFile = { v: 1, keyId: keyIdOf(key).toString('base64'), wrapped: (await this.options.protector.wrap(key)).toString('base64') };
    try {
      await writeSecretFile(this.options.file, JSON.stringify(file), true);
    } catch (err) {
      if (systemCode(err) === 'EEXIST') return this.loadOrCreate(); // lost a creation race: use the winner's key
      throw err;
    }
    return { key, file };
  }
}

/** Opens archives from any computer with the recovery passphrase alone. */
export function passphraseResolver(passphrase: string): KeyResolver {
  return async (header: ArchiveHeader) => {
    if (!header.recoveryEnvelope) {
      throw new BackupError('KEY_MISMATCH', 'This backup was made before a recovery passphrase was set, so only the computer that made it can open it.');
    }
    const key = await openWithPassphrase(header.recoveryEnvelope, passphrase);
    if (!keyIdOf(key).equals(header.keyId)) throw new BackupError('BACKUP_CORRUPT', 'The backup header does not match its recovery information.');
    return key;
  };
}
