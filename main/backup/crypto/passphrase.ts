import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { BackupError } from '../errors.js';

export function gcmSeal(key: Buffer, plain: Buffer, aadText: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aadText);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
}

/** Returns undefined when authentication fails (wrong key or tampered). */
export function gcmOpen(key: Buffer, sealed: Buffer, aadText: Buffer): Buffer | undefined {
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

/** keyId = first 16 bytes of HMAC-SHA256(dataKey, "key-id"): names a key without revealing it. */
export function keyIdOf(dataKey: Buffer): Buffer {
  return createHmac('sha256', dataKey).update('wa-backup/key-id').digest().subarray(0, 16);
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's current guidance for scrypt is N = 2^17 with r = 8, p = 1: 128 MiB and about half a second
 * per attempt on a laptop. Envelopes sealed earlier with N = 2^15 keep their own parameters and open.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The most work a header may ask for. The parameters are read from an archive before anything in it
 * is authenticated, so without a cap a crafted archive makes us allocate gigabytes and spin for
 * seconds per try. Twice the default in memory (256 MiB) and in work (N·r·p) leaves room to raise the
 * default once without locking out archives made by a newer version.
 */
export const SCRYPT_CAP = { maxMemoryBytes: 256 * 2 ** 20, maxWork: 2 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r * DEFAULT_SCRYPT.p, maxR: 16, maxP: 16 } as const;

const memoryOf = (s: ScryptParams) => 128 * s.N * s.r;

/** Why `s` is refused, or undefined if it is acceptable (a power-of-two N, small integers, under the cap). */
export function scryptProblem(s: { N?: unknown; r?: unknown; p?: unknown }): string | undefined {
  const { N, r, p } = s;
  if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(p)) return 'its parameters are not whole numbers';
  const params = { N, r, p } as ScryptParams;
  if (params.N < 2 || (params.N & (params.N - 1)) !== 0 || params.r < 1 || params.p < 1) return 'its parameters are not valid scrypt parameters';
  if (params.r > SCRYPT_CAP.maxR || params.p > SCRYPT_CAP.maxP) return `it asks for r=${params.r}, p=${params.p}`;
  if (memoryOf(params) > SCRYPT_CAP.maxMemoryBytes) return `it asks for ${Math.round(memoryOf(params) / 2 ** 20)} MiB of memory`;
  if (params.N * params.r * params.p > SCRYPT_CAP.maxWork) return `it asks for ${Math.round((params.N * params.r * params.p) / (DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r))} times the usual work`;
  return undefined;
}

function scrypt(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 2 * memoryOf(params) + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/**
 * Envelope = JSON {v, N, r, p, salt, keyId, sealed}: the data key sealed with scrypt(passphrase). It
 * travels in every archive header, so the passphrase alone opens a backup on another computer.
 */
export async function sealWithPassphrase(dataKey: Buffer, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<Buffer> {
  if (passphrase.length < 8) throw new RangeError('The recovery passphrase must have at least 8 characters');
  const problem = scryptProblem(params);
  if (problem) throw new RangeError(`scrypt parameters refused: ${problem}`);
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
  if (e === null || typeof e !== 'object' || e.v !== 1 || typeof e.salt !== 'string' || typeof e.keyId !== 'string' || typeof e.sealed !== 'string') {
    throw new BackupError('BACKUP_CORRUPT', 'The recovery information in this backup is damaged or from a newer app version.');
  }
  // Checked before any work: these numbers come from the store, unauthenticated.
  const problem = scryptProblem(e);
  if (problem) {
    throw new BackupError('BACKUP_CORRUPT', `The recovery information in this backup was refused without trying the passphrase: ${problem}, more than this app allows. The backup is damaged, was altered, or comes from a newer app version.`);
  }
  const kek = await scrypt(passphrase, Buffer.from(e.salt, 'base64'), { N: e.N!, r: e.r!, p: e.p! });
  const key = gcmOpen(kek, Buffer.from(e.sealed, 'base64'), Buffer.from(e.keyId, 'base64'));
  if (!key) throw new BackupError('WRONG_PASSPHRASE', 'The recovery passphrase is not the one this backup was made with. Check it and try again.');
  return key;
}
