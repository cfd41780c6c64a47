import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStream, readAll } from '../testing/streams.js';
import { DataKeyring, FileKeyProtector, passphraseResolver, type ScryptParams } from './keys.js';
import { DecryptStream, isEncryptedArchive } from './streamCipher.js';

// Cheaper scrypt for tests only; the product uses DEFAULT_SCRYPT (2^17).
const FAST: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crypto-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
function keyring(): DataKeyring {
  const d = join(dir, `install-${++n}`);
  return new DataKeyring({ file: join(d, 'backup-keyring.json'), protector: new FileKeyProtector(join(d, 'master.key')), scrypt: FAST });
}

async function encrypt(ring: DataKeyring, data: Buffer, recordSize?: number): Promise<Buffer> {
  return readAll(Readable.from([data]).pipe(await ring.encryptor(recordSize)));
}
async function decrypt(stream: DecryptStream, data: Buffer): Promise<Buffer> {
  return readAll(Readable.from([data]).pipe(stream));
}

describe('streamed AES-256-GCM archives', () => {
  it('round-trips data on the same install, and the output does not contain the plaintext', async () => {
    const ring = keyring();
    const plain = Buffer.from('secret session '.repeat(20_000));
    const sealed = await encrypt(ring, plain, 4096);
    expect(isEncryptedArchive(sealed)).toBe(true);
    expect(sealed.includes(Buffer.from('secret session'))).toBe(false);
    expect((await decrypt(ring.decryptor(), sealed)).equals(plain)).toBe(true);
  });

  it('round-trips empty input and input of exactly one record', async () => {
    const ring = keyring();
    for (const plain of [Buffer.alloc(0), Buffer.alloc(4096, 7)]) {
      expect((await decrypt(ring.decryptor(), await encrypt(ring, plain, 4096))).equals(plain)).toBe(true);
    }
  });

  it('another computer opens a backup with the recovery passphrase; a wrong one is WRONG_PASSPHRASE; none is KEY_MISMATCH', async () => {
    const home = keyring();
    await home.setRecoveryPassphrase('correct horse battery');
    const sealed = await encrypt(home, Buffer.from('the session'));
    const other = keyring();
    expect((await decrypt(other.decryptor('correct horse battery'), sealed)).toString()).toBe('the session');
    expect((await decrypt(new DecryptStream(passphraseResolver('correct horse battery')), sealed)).toString()).toBe('the session');
    await expect(decrypt(other.decryptor('wrong horse battery'), sealed)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(decrypt(other.decryptor(), sealed)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
  });

  it('detects a flipped byte anywhere (header, body, tag) as BACKUP_CORRUPT', async () => {
    const ring = keyring();
    const sealed = await encrypt(ring, Buffer.alloc(20_000, 1), 4096);
    for (const at of [20 /* salt */, 100 /* first record */, sealed.length - 3 /* last tag */]) {
      const bad = Buffer.from(sealed);
      bad[at] = bad[at]! ^ 0x01;
      await expect(decrypt(ring.decryptor(), bad)).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    }
  });

  it('detects truncation, even exactly at a record boundary, and appended data', async () => {
    const ring = keyring();
    const sealed = await encrypt(ring, Buffer.alloc(3 * 4096 + 10, 2), 4096);
    const header = sealed.length - (4 * 5 + 3 * 4096 + 10 + 4 * 16);
    const boundary = header + 2 * (5 + 4096 + 16); // after two whole records, before the others
    for (const cut of [boundary, sealed.length - 1, 10]) {
      await expect(decrypt(ring.decryptor(), sealed.subarray(0, cut))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    }
    await expect(decrypt(ring.decryptor(), Buffer.concat([sealed, Buffer.from([0, 0])]))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
  });

  it('cuts records the same way however the input is chunked: one huge chunk, tiny chunks, odd splits', async () => {
    const ring = keyring();
    const plain = randomBytes(3 * 1024 + 7);
    const expected = (await encrypt(ring, plain, 1024)).length; // header + 4 records (3 full, 1 of 7 bytes, final)
    for (const sizes of [[plain.length], [1], [1023, 1, 1024], [1024], [2048, 5]]) {
      const parts: Buffer[] = [];
      for (let at = 0, i = 0; at < plain.length; i++) {
        const n = sizes[i % sizes.length]!;
        parts.push(plain.subarray(at, at + n));
        at += n;
      }
      const sealed = await readAll(Readable.from(parts).pipe(await ring.encryptor(1024)));
      expect(sealed.length).toBe(expected);
      expect((await decrypt(ring.decryptor(), sealed)).equals(plain)).toBe(true);
    }
  });

  it('does bounded work per byte: a 32 MiB chunk cut into 1 KiB records, and a sealed stream read 256 bytes at a time', async () => {
    const ring = keyring();
    // Re-joining everything still held on each record made this quadratic: ~512 GiB of copying here.
    const big = randomBytes(32 * 1024 * 1024);
    const sealed = await encrypt(ring, big, 1024);
    // 32768 records of 1 KiB, the last one flagged final (the input ends exactly on a record boundary).
    const envLen = sealed.readUInt16BE(61);
    const header = 63 + envLen + 2 + sealed.readUInt16BE(63 + envLen); // fixed part, envelope, context
    expect(sealed.length).toBe(header + big.length + 32 * 1024 * (5 + 16));
    expect((await decrypt(ring.decryptor(), sealed)).equals(big)).toBe(true);
    // Decrypting: small network chunks against 4 MiB records were each re-joined with the partial record.
    const wide = randomBytes(8 * 1024 * 1024);
    const sealedWide = await encrypt(ring, wide, 4 * 1024 * 1024);
    const trickle: Buffer[] = [];
    for (let at = 0; at < sealedWide.length; at += 256) trickle.push(sealedWide.subarray(at, at + 256));
    expect((await readAll(Readable.from(trickle).pipe(ring.decryptor()))).equals(wide)).toBe(true);
  }, 30_000);

  it('keeps the key across restarts in files only this user can read (0600)', async () => {
    const d = join(dir, 'restart');
    const make = () => new DataKeyring({ file: join(d, 'ring.json'), protector: new FileKeyProtector(join(d, 'master.key')), scrypt: FAST });
    const sealed = await encrypt(make(), Buffer.from('kept'));
    expect((await decrypt(make().decryptor(), sealed)).toString()).toBe('kept');
    expect((await stat(join(d, 'master.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(d, 'ring.json'))).mode & 0o777).toBe(0o600);
  });

  it('streams 100 MB through encrypt + decrypt with memory growth far below the data size', async () => {
    const ring = keyring();
    const src = randomStream(100 * 1024 * 1024);
    // Measure what is *retained*: collect garbage before each sample, or dead buffers that V8 has not
    // collected yet would count as growth.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage();
    let peakRss = 0;
    let peakBuffers = 0;
    let samples = 0;
    // Sampled from the sink, not a timer: a busy stream pipeline can starve timers for its whole run.
    const sample = () => {
      gc();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss - base.rss);
      peakBuffers = Math.max(peakBuffers, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
      samples++;
    };
    const { createHash } = await import('node:crypto');
    const out = createHash('sha256');
    let bytes = 0;
    await pipeline(src.stream, await ring.encryptor(), ring.decryptor(), new Writable({
      write(chunk: Buffer, _e, done) {
        out.update(chunk);
        bytes += chunk.length;
        if (bytes % (2 * 1024 * 1024) < chunk.length) sample();
        done();
      },
    }));
    console.log(`100 MB streamed: ${samples} samples, peak RSS growth ${(peakRss / 2 ** 20).toFixed(1)} MiB, peak heap+buffers growth ${(peakBuffers / 2 ** 20).toFixed(1)} MiB`);
    expect(samples).toBeGreaterThan(25);
    // Measured: flat at about 1-30 MiB whether 20 or 200 MB go through (GC timing causes the spread);
    // holding the data would show 100+ MiB.
    expect(peakBuffers).toBeLessThan(40 * 2 ** 20);
    expect(peakRss).toBeLessThan(60 * 2 ** 20);
    expect(bytes).toBe(100 * 1024 * 1024);
    expect(out.digest('hex')).toBe(src.digest());
    expect(peakRss).toBeLessThan(40 * 2 ** 20);
  }, 60_000);
});
