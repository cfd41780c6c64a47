import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../testing/streams.js';
import { DataKeyring, DEFAULT_SCRYPT, FileKeyProtector, keyIdOf, openWithPassphrase, passphraseResolver, sealWithPassphrase } from './keys.js';
import { DecryptStream, EncryptStream, type ArchiveHeader } from './streamCipher.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crypto-headers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * An archive written by the app before format 2 (format 1, no context), its recovery envelope sealed
 * with scrypt N = 2^15 and the passphrase "an old recovery phrase": what a store may still hold.
 */
const FORMAT1_N15 = Buffer.from(
  'V0FCQUNLVVABAAAAEKly1NYtokCObsmS1Dzf+lnnV/n1gVIPCcaAhXMY1F7oh021MHcRb7gABhv6hjXS+gC+eyJ2IjoxLCJOIjozMjc2OCwiciI6OCwicCI6MSwic2FsdCI6IkhQQndTUjhHUHhIOFVuajhBYUY0Vmc9PSIsImtleUlkIjoiaDAyMU1IY1JiN2dBQmh2NmhqWFMrZz09Iiwic2VhbGVkIjoicEEwZ2dvTW9LR3lobWxlSWd2Q0MzbnRqWmtHTlRuWUw1bFptY2o2d1VJZnp6d3VKNkQwV1RMd2lOSHp4Q2VZOXYxcituQmZWY0liSWRDMU0ifQAAAAAQNGGE6hOpdsQSmT/2P0HbWQBdx9b7CoHY3GujCpLQHdwBAAAADim5PIn0acRt70t7EnI+24a6LV1qmWZ7e1Gz4BT99A==',
  'base64',
);

/** A recovery envelope as an attacker would write it into an archive header: any parameters at all. */
function envelopeWith(params: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, ...params, salt: randomBytes(16).toString('base64'), keyId: randomBytes(16).toString('base64'), sealed: randomBytes(60).toString('base64') }));
}

describe('scrypt parameters of the recovery passphrase', () => {
  it('new passphrases are sealed with N = 2^17 (r = 8, p = 1) by default', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const d = join(dir, 'default');
    const ring = new DataKeyring({ file: join(d, 'ring.json'), protector: new FileKeyProtector(join(d, 'master.key')) });
    await ring.setRecoveryPassphrase('correct horse battery');
    const envelope = JSON.parse((await ring.recoveryEnvelope())!.toString()) as { N: number; r: number; p: number };
    expect({ N: envelope.N, r: envelope.r, p: envelope.p }).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it.each([
    ['N = 2^20 (1 GiB, seconds of work)', { N: 2 ** 20, r: 8, p: 1 }],
    ['r = 16 with N = 2^18 (512 MiB)', { N: 2 ** 18, r: 16, p: 1 }],
    ['p = 4 with N = 2^18 (4x the work)', { N: 2 ** 18, r: 8, p: 4 }],
    ['an N that is not a power of two', { N: 100_000, r: 8, p: 1 }],
    ['a non-integer r', { N: 2 ** 14, r: 8.5, p: 1 }],
  ])('a header asking for %s is refused at once, before any scrypt work', async (_what, params) => {
    const started = performance.now();
    const err = await openWithPassphrase(envelopeWith(params), 'whatever passphrase').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BACKUP_CORRUPT', message: expect.stringMatching(/recovery information .* refused/) });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('an archive whose header asks for too much is refused through the resolver as well, fast', async () => {
    const key = randomBytes(32);
    const archive = await readAll(Readable.from([Buffer.from('x')]).pipe(new EncryptStream({ dataKey: key, keyId: keyIdOf(key), recoveryEnvelope: envelopeWith({ N: 2 ** 20, r: 16, p: 1 }) })));
    const started = performance.now();
    await expect(readAll(Readable.from([archive]).pipe(new DecryptStream(passphraseResolver('whatever passphrase'))))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('keys and archives made with the old N = 2^15 still open', async () => {
    const key = randomBytes(32);
    const old = await sealWithPassphrase(key, 'an old recovery phrase', { N: 2 ** 15, r: 8, p: 1 });
    expect((await openWithPassphrase(old, 'an old recovery phrase')).equals(key)).toBe(true);
    const seen: ArchiveHeader[] = [];
    const resolve = passphraseResolver('an old recovery phrase');
    const plain = await readAll(Readable.from([FORMAT1_N15]).pipe(new DecryptStream(async (h) => (seen.push(h), resolve(h)))));
    expect(plain.toString()).toBe('a session from before format 2');
    expect(seen[0]).toMatchObject({ format: 1, context: undefined });
  });

  it('refuses to seal with parameters it would refuse to open', async () => {
    await expect(sealWithPassphrase(randomBytes(32), 'correct horse battery', { N: 2 ** 20, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });
});

describe('the authenticated context of an archive (format 2)', () => {
  const key = randomBytes(32);
  const seal = (context: Buffer) => readAll(Readable.from([Buffer.from('the session')]).pipe(new EncryptStream({ dataKey: key, keyId: keyIdOf(key), context })));

  it('carries the context to the key resolver, before any record is opened', async () => {
    const sealed = await seal(Buffer.from('{"accountId":"a"}'));
    const seen: ArchiveHeader[] = [];
    const plain = await readAll(Readable.from([sealed]).pipe(new DecryptStream(async (h) => (seen.push(h), key))));
    expect(plain.toString()).toBe('the session');
    expect(seen[0]).toMatchObject({ format: 2 });
    expect(seen[0]!.context?.toString()).toBe('{"accountId":"a"}');
  });

  it('reads the header however the bytes arrive (7 at a time)', async () => {
    const context = Buffer.from(JSON.stringify({ accountId: 'a', pad: 'x'.repeat(300) }));
    const sealed = await seal(context);
    const trickle: Buffer[] = [];
    for (let at = 0; at < sealed.length; at += 7) trickle.push(sealed.subarray(at, at + 7));
    let seen: Buffer | undefined;
    const plain = await readAll(Readable.from(trickle).pipe(new DecryptStream(async (h) => ((seen = h.context), key))));
    expect(plain.toString()).toBe('the session');
    expect(seen?.equals(context)).toBe(true);
  });

  it('a context changed in the store fails authentication (BACKUP_CORRUPT), whatever the resolver accepts', async () => {
    const sealed = await seal(Buffer.from('{"accountId":"a"}'));
    const at = sealed.indexOf(Buffer.from('"a"')) + 1;
    expect(at).toBeGreaterThan(0); // the context travels in the header, in the clear
    const forged = Buffer.from(sealed);
    forged[at] = 'b'.charCodeAt(0);
    await expect(readAll(Readable.from([forged]).pipe(new DecryptStream(async () => key)))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
  });
});
