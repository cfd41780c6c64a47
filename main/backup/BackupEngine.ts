import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { pipeline as pipelineCb, Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { snapshotSession } from './archive/zipArchive.js';
import { ByteLimit, downloadLimitFor, mib, zipLimitFor } from './archive/limits.js';
import { HashingStream, parseManifest, type BackupManifest } from './archive/manifest.js';
import { checkSealedHeader, notEncrypted, type Expected } from './archive/provenance.js';
import { restoreProfile, type RestoreResult } from './archive/restore.js';
import type { DataKeyring } from './crypto/keys.js';
import { DecryptStream, isEncryptedArchive, MAGIC } from './crypto/streamCipher.js';
import { BackupError } from './errors.js';
import type { BackupStore, VersionInfo } from './stores/BackupStore.js';

export interface BackupEngineDeps {
  /** The install's keyring; encryption is impossible without it. */
  keyring: DataKeyring;
  /** Temp space for snapshots and downloads (absolute); ideally on the same disk as the profiles. */
  workDir: string;
  app: { name: string; version: string };
  /** whatsapp-web.js version recorded in manifests (1.34.7). */
  libraryVersion: string;
}

export type BackupOutcome =
  | { status: 'uploaded'; version: VersionInfo; manifest: BackupManifest; durationMs: number }
  | { status: 'unchanged'; version: VersionInfo; durationMs: number };

export const sessionName = (accountId: string) => `RemoteAuth-${accountId}`;

export interface RestoreRequest {
  accountId: string;
  dataPath: string;
  store: BackupStore;
  versionId?: string;
  passphrase?: string;
  /**
   * The user chose "import an unencrypted backup": accept an archive the app cannot verify (a plain
   * zip, such as stock RemoteAuth's or one made with encryption off, or an encrypted archive from
   * before format 2). Without it such archives are refused (BACKUP_NOT_ENCRYPTED, BACKUP_UNVERIFIED).
   */
  allowPlain?: boolean;
  verify?: (dir: string) => Promise<void>;
  /** The session's name in the store when it is not `RemoteAuth-<accountId>` (an import under a new id). */
  session?: string;
  /** `remoteauth`: a zip in RemoteAuth's or a published store's layout (BackupStore.scanImports), always plain. */
  origin?: 'app' | 'remoteauth';
}

/**
 * The backup pipeline: snapshot -> RemoteAuth zip -> (encrypt) -> store, and back. Scheduling, retries,
 * the lease and UI state belong to the caller (BackupService); this class does one run at a time per call.
 */
export class BackupEngine {
  constructor(private readonly deps: BackupEngineDeps) {
    if (!isAbsolute(deps.workDir)) throw new RangeError('workDir must be absolute');
  }

  async backUp(o: { accountId: string; profileDir: string; store: BackupStore; encrypt?: boolean; phoneNumber?: string; label?: string; keep?: number; force?: boolean }): Promise<BackupOutcome> {
    const started = Date.now();
    const encrypt = o.encrypt ?? true;
    const session = sessionName(o.accountId);
    const snap = await snapshotSession({ profileDir: o.profileDir, workDir: this.deps.workDir, accountId: o.accountId, app: this.deps.app, libraryVersion: this.deps.libraryVersion, encrypted: encrypt, ...(o.phoneNumber ? { phoneNumber: o.phoneNumber } : {}) });
    try {
      // Decided on the snapshot's content hash, before any zip is written: the periodic backup of an
      // idle session then costs one copy and one hash pass, and uploads nothing.
      const [newest] = await o.store.listVersions(session);
      const previous = parseManifest(newest?.meta['manifest']);
      // A newest version from before manifests were sealed (no `follows`) is replaced even if unchanged:
      // otherwise an idle account would keep only a backup that restores just through the explicit import.
      const current = !!previous && previous.follows !== undefined && previous.contentSha256 === snap.contentSha256 && previous.encrypted === encrypt;
      if (!o.force && newest && current) {
        return { status: 'unchanged', version: newest, durationMs: Date.now() - started };
      }
      const archive = await snap.archive();
      const manifest: BackupManifest = { ...archive.manifest, follows: newest?.id ?? null };
      const stored = JSON.stringify(storedManifest(manifest));
      let body: Readable = createReadStream(archive.zipPath);
      if (encrypt) {
        // The manifest is sealed into the header: the restore checks the store's copy against it.
        const encryptor = await this.deps.keyring.encryptor(undefined, Buffer.from(stored, 'utf8'));
        pipelineCb(body, encryptor, () => undefined); // unlike .pipe(), forwards a read error to the store
        body = encryptor;
      }
      // 'wa-encrypted-v1' names the encrypted container in store meta (RestoreService lists it); the
      // header carries the format version itself.
      const version = await o.store.putVersion(session, body, { meta: { manifest: stored, format: encrypt ? 'wa-encrypted-v1' : 'zip', ...(o.label ? { label: o.label.slice(0, 64) } : {}) }, ...(o.keep ? { keep: o.keep } : {}) });
      return { status: 'uploaded', version, manifest, durationMs: Date.now() - started };
    } finally {
      await snap.dispose();
    }
  }

  /**
   * Downloads a version (newest by default), decrypts it (this install's key, or `passphrase` for a
   * backup made elsewhere), and swaps it in as `<dataPath>/session-<accountId>`. The archive must prove
   * it is this account's, this version, with this manifest (archive/provenance.ts); a plain zip (stock
   * RemoteAuth, encryption off) only with `allowPlain`. Every step is capped (archive/limits.ts).
   */
  async restore(o: RestoreRequest): Promise<RestoreResult & { version: VersionInfo }> {
    const session = o.session ?? sessionName(o.accountId);
    const imported = o.origin === 'remoteauth';
    const versions = imported ? (await o.store.scanImports()).sessions.find((s) => s.session === session)?.versions ?? [] : await o.store.listVersions(session);
    const at = o.versionId ? versions.findIndex((v) => v.id === o.versionId) : 0;
    const version = versions[at];
    if (!version) throw new BackupError('VERSION_NOT_FOUND', `There is no backup${o.versionId ? ` version ${o.versionId}` : ''} of this account in ${o.store.description}.`);
    const expected: Expected = { accountId: session.replace(/^RemoteAuth-?/, ''), version, olderId: versions[at + 1]?.id, allowPlain: o.allowPlain === true };
    const manifest = parseManifest(version.meta['manifest']);
    const temp = await mkdtemp(join(this.deps.workDir, `restore-${o.accountId}-`));
    try {
      // One pass from the store to a local zip: decrypted on the way, and hashed as it is written.
      // restoreProfile checks that hash against the manifest before opening the zip, and each
      // extracted file against the manifest's content hash before the swap.
      const zipPath = join(temp, 'archive.zip');
      const { head, stream } = await peek(await (imported ? o.store.openImport(session, version.id) : o.store.getVersion(session, version.id)), MAGIC.length);
      const steps: Transform[] = [new ByteLimit(downloadLimitFor(manifest), (max) => `the download is larger than ${mib(max)}`)];
      if (isEncryptedArchive(head)) steps.push(this.decryptor(expected, o.passphrase));
      else if (!expected.allowPlain) {
        stream.destroy();
        throw notEncrypted();
      }
      steps.push(new ByteLimit(zipLimitFor(manifest), (max) => `the archive is larger than the ${mib(max)} its manifest gives`));
      const hasher = new HashingStream();
      await pipeline([stream, ...steps, hasher, createWriteStream(zipPath)]);
      const result = await restoreProfile({ zipPath, zipSha256: hasher.hex(), dataPath: o.dataPath, accountId: o.accountId, ...(manifest ? { manifest } : {}), ...(o.verify ? { verify: o.verify } : {}) });
      return { ...result, version };
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  /** Checks the archive's header against what was asked for before any key is looked for (no scrypt for a swapped archive). */
  private decryptor(expected: Expected, passphrase: string | undefined): DecryptStream {
    const resolve = this.deps.keyring.resolver(passphrase);
    return new DecryptStream(async (header) => {
      checkSealedHeader(header, expected);
      return resolve(header);
    });
  }
}

/** Reads at least `n` bytes (fewer if the stream is shorter) and returns them with a stream of everything, those bytes included. */
async function peek(source: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let bytes = 0;
  while (bytes < n) {
    const next = await it.next();
    if (next.done) break;
    first.push(next.value);
    bytes += next.value.length;
  }
  const head = Buffer.concat(first, bytes);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      await it.return?.(); // a failed pipeline destroys the download too
    }
  }
  return { head: head.subarray(0, n), stream: Readable.from(all(), { objectMode: false }) };
}

/**
 * The manifest as kept in store metadata, which is not encrypted: the phone number is reduced to its
 * last 3 digits (enough to tell accounts apart in a restore list). The full manifest travels nowhere else.
 */
function storedManifest(m: BackupManifest): BackupManifest {
  const { phoneNumber, ...rest } = m;
  return phoneNumber ? { ...rest, phoneNumber: `…${phoneNumber.slice(-3)}` } : rest;
}
