import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { BackupError, systemCode } from '../errors.js';
import { gcmOpen, gcmSeal, keyIdOf, openWithPassphrase, sealWithPassphrase, type ScryptParams } from './passphrase.js';
import { DecryptStream, EncryptStream, type ArchiveHeader, type KeyResolver } from './streamCipher.js';

export { DEFAULT_SCRYPT, keyIdOf, openWithPassphrase, SCRYPT_CAP, sealWithPassphrase, type ScryptParams } from './passphrase.js';

/**
 * Protects the per-install data key at rest. The Electron implementation wraps with safeStorage (OS
 * keychain); FileKeyProtector is for the web host and tests. Both must round-trip any byte string.
 */
export interface KeyProtector {
  wrap(plain: Buffer): Promise<Buffer>;
  /** Rejects with KEY_UNAVAILABLE if the wrapped key cannot be opened (keychain reset, key file replaced). */
  unwrap(wrapped: Buffer): Promise<Buffer>;
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

  /**
   * A stream that encrypts with this install's key and embeds the recovery envelope (if one is set) and
   * `context`: bytes kept in the clear in the header but authenticated with every record (the engine's
   * manifest: which account and which version this archive is).
   */
  async encryptor(recordSize?: number, context?: Buffer): Promise<EncryptStream> {
    const { key, keyId } = await this.dataKey();
    const recoveryEnvelope = await this.recoveryEnvelope();
    return new EncryptStream({ dataKey: key, keyId, ...(recoveryEnvelope ? { recoveryEnvelope } : {}), ...(recordSize ? { recordSize } : {}), ...(context ? { context } : {}) });
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
