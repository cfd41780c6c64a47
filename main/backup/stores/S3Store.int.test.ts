import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable, Transform } from 'node:stream';
import { runStoreContract } from '../testing/storeContract.js';
import { randomStream, readAll } from '../testing/streams.js';
import { S3RVER_KEY, S3RVER_SECRET, startS3rver, type RunningS3rver } from '../testing/s3rverServer.js';
import { classifyS3Error } from './s3Support.js';
import { S3Store, type S3StoreOptions } from './S3Store.js';

let s3: RunningS3rver;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
});

const options = (over: Partial<S3StoreOptions> = {}): S3StoreOptions => ({
  endpoint: s3.endpoint,
  region: 'us-east-1',
  bucket: s3.bucket,
  prefix: 'wa/',
  forcePathStyle: true,
  accessKeyId: S3RVER_KEY,
  secretAccessKey: S3RVER_SECRET,
  ...over,
});

runStoreContract('S3Store (s3rver)', () => ({
  create: async (o) => new S3Store({ ...options(), ...o }),
  badCredentials: async () => {
    // s3rver 3.7.1 rejects an unknown access key id but does not verify V4 signatures, so a wrong
    // *secret* cannot be detected here; this exercises the unknown-key path only.
    console.log('note: s3rver checks the access key id but not the V4 signature; testing with an unknown key id');
    return new S3Store(options({ accessKeyId: 'NOT-A-KEY' }));
  },
  atAddress: async (host, port) => new S3Store(options({ endpoint: `http://${host}:${port}` })),
  missingContainer: async () => new S3Store(options({ bucket: 'no-such-bucket' })),
}));

describe('S3Store specifics', () => {
  it('maps a rejected signature (wrong secret on real S3) to STORE_AUTH_FAILED', () => {
    const sdkError = Object.assign(new Error('The request signature we calculated does not match'), { name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(classifyS3Error(sdkError, 'S3', 'list')).toMatchObject({ code: 'STORE_AUTH_FAILED' });
  });

  it('the server dying mid-upload fails the save as STORE_UNREACHABLE, and the previous version is still listed and restorable', async () => {
    const own = await startS3rver('crashing');
    let restarted: RunningS3rver | undefined;
    const store = new S3Store(options({ endpoint: own.endpoint, bucket: own.bucket }));
    try {
      const session = 'RemoteAuth-crash';
      const v1 = await store.putVersion(session, Readable.from([Buffer.from('previous backup')]));
      const src = randomStream(40 * 1024 * 1024);
      let seen = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _e, done) {
          seen += chunk.length;
          if (seen >= 20 * 1024 * 1024 && seen - chunk.length < 20 * 1024 * 1024) void own.crash();
          done(null, chunk);
        },
      });
      const err = await store.putVersion(session, src.stream.pipe(tap)).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'STORE_UNREACHABLE' });
      restarted = await startS3rver('crashing', { directory: own.directory, port: own.port });
      const listed = await store.listVersions(session);
      expect(listed.map((v) => v.id)).toEqual([v1.id]);
      expect((await readAll(await store.getVersion(session, v1.id))).toString()).toBe('previous backup');
    } finally {
      await store.close();
      await (restarted ?? own).stop();
    }
  }, 60_000);

  it('never puts the secret key into an error message or the description', async () => {
    const store = new S3Store(options({ accessKeyId: 'NOT-A-KEY', secretAccessKey: 'very-secret-value-123' }));
    try {
      const err = await store.testConnection().catch((e: unknown) => e as Error);
      expect(String((err as Error).message)).not.toContain('very-secret-value-123');
      expect(store.description).not.toContain('very-secret');
    } finally {
      await store.close();
    }
  });
});
