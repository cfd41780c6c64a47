import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ByteLimit, HARD_DOWNLOAD_BYTES, mib, zipLimitFor } from './archive/limits';
import { HashingStream, parseManifest, type BackupManifest } from './archive/manifest';
import { notEncrypted } from './archive/provenance';
import type { KeyResolver } from './crypto/streamCipher';
import { DecryptStream, isEncryptedArchive, MAGIC } from './crypto/streamCipher';
import { BackupError } from './errors';
import { REMOTEAUTH_SESSION } from './stores/remoteAuthLayouts';

/** The object LegacySessionAuth's `authenticated` event gave (whatsapp-web.js before multi-device). */
const LEGACY_KEYS = ['WABrowserId', 'WASecretBundle', 'WAToken1', 'WAToken2'] as const;

export const LEGACY_MESSAGE =
  'This is a LegacySessionAuth session file (WABrowserId, WASecretBundle, WAToken1, WAToken2), from WhatsApp Web before multi-device. Multi-device accounts cannot use it: WhatsApp no longer accepts those tokens, so there is nothing in it to import. Add the account and link the phone again (scan the QR code or use a phone-number code); nothing was changed.';

export interface OpenedFile {
  /** A RemoteAuth-layout zip on local disk (decrypted when the file was an export). */
  zipPath: string;
  zipSha256: string;
  /** The manifest sealed into an encrypted export; absent for a plain zip. */
  manifest?: BackupManifest;
  /** The session the file names (`RemoteAuth-<clientId>.zip`, or the export's account), to choose an account id from. */
  session: string | null;
  dispose(): Promise<void>;
}

/**
 * Reads a file offered for import and says what it is: an export of the app (encrypted: opened with
 * `resolve`, which needs its passphrase), a plain RemoteAuth zip (only with `allowPlain`: anyone could
 * have made it), a LegacySessionAuth file (explained, refused), or nothing the app can use.
 */
export async function openImportFile(o: { path: string; fileName?: string; workDir: string; resolve: KeyResolver; allowPlain: boolean }): Promise<OpenedFile> {
  const head = await firstBytes(o.path, 8);
  if (head[0] === 0x7b /* { */ || head[0] === 0xef /* BOM */) throw jsonKind(await readFile(o.path, 'utf8').catch(() => ''));
  const encrypted = isEncryptedArchive(head.subarray(0, MAGIC.length));
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (!encrypted && !zip) throw notABackup();
  if (!encrypted && !o.allowPlain) throw notEncrypted();
  const temp = await mkdtemp(join(o.workDir, 'import-'));
  const dispose = () => rm(temp, { recursive: true, force: true });
  try {
    const zipPath = join(temp, 'archive.zip');
    const hasher = new HashingStream();
    let manifest: BackupManifest | undefined;
    const steps = [];
    if (encrypted) {
      steps.push(
        new DecryptStream(async (header) => {
          manifest = header.format === 2 && header.context ? parseManifest(header.context.toString('utf8')) : undefined;
          if (!manifest && !o.allowPlain) throw new BackupError('BACKUP_UNVERIFIED', 'This file was encrypted by an older version of the app, which did not seal what it holds. It was not imported; if you made it, import it explicitly as an unverified backup.');
          return o.resolve(header);
        }),
      );
    }
    steps.push(new ByteLimit(encrypted ? HARD_DOWNLOAD_BYTES : zipLimitFor(undefined), (max) => `the archive is larger than ${mib(max)}`));
    await pipeline([createReadStream(o.path), ...steps, hasher, createWriteStream(zipPath, { mode: 0o600 })]);
    const named = o.fileName?.replace(/\.(zip|wabackup)$/i, '');
    const session = manifest ? `RemoteAuth-${manifest.accountId}` : named && REMOTEAUTH_SESSION.test(named) ? named : null;
    return { zipPath, zipSha256: hasher.hex(), ...(manifest ? { manifest } : {}), session, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await file.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A JSON file: a legacy session is named and explained; anything else is not a backup. */
function jsonKind(text: string): BackupError {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return notABackup();
  }
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  if (LEGACY_KEYS.filter((k) => keys.includes(k)).length >= 2) return new BackupError('LEGACY_SESSION', LEGACY_MESSAGE);
  return notABackup();
}

function notABackup(): BackupError {
  return new BackupError('NOT_A_BACKUP', 'This file is not a backup the app can import: choose a RemoteAuth session zip (RemoteAuth-<clientId>.zip) or a file exported by this app (.wabackup). Nothing was changed.');
}
