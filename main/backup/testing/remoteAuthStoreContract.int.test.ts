// The app's own stores, plugged into stock RemoteAuth the way a whatsapp-web.js user would (told the
// dataPath through remoteAuthZipDir), pass the cases of `npm run store:check`. MongoStore's run is in
// stores/MongoStore.int.test.ts, beside its server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { FolderStore } from '../stores/FolderStore.js';
import { PostgresStore } from '../stores/PostgresStore.js';
import { S3Store } from '../stores/S3Store.js';
import { findPgBin, startPostgresCluster, type PostgresCluster } from './postgresCluster.js';
import { describeRemoteAuthStoreContract } from './remoteAuthStoreSuite.js';
import { S3RVER_KEY, S3RVER_SECRET, startS3rver, type RunningS3rver } from './s3rverServer.js';

let s3: RunningS3rver | undefined;
let cluster: PostgresCluster | undefined;
const folders: string[] = [];
beforeAll(async () => {
  s3 = await startS3rver();
  if (findPgBin()) cluster = await startPostgresCluster();
}, 90_000);
afterAll(async () => {
  await s3?.stop();
  await cluster?.stop();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

describeRemoteAuthStoreContract('FolderStore', async ({ dataPath }) => {
  const root = await mkdtemp(join(tmpdir(), 'folder-store-'));
  folders.push(root);
  return new FolderStore({ root, remoteAuthZipDir: dataPath });
});

describeRemoteAuthStoreContract('S3Store (s3rver)', async ({ dataPath }) =>
  new S3Store({ endpoint: s3!.endpoint, region: 'us-east-1', bucket: s3!.bucket, prefix: 'remoteauth/', forcePathStyle: true, accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_SECRET, remoteAuthZipDir: dataPath }),
);

describeRemoteAuthStoreContract('PostgresStore', async ({ dataPath }) => {
  // The prerequisites step of `npm test` installs PostgreSQL; a bare `vitest run` on a machine without it says why it fails.
  if (!cluster) throw new Error('PostgreSQL server programs (initdb, pg_ctl, postgres) not found: install PostgreSQL, or set PGBIN to their folder');
  return new PostgresStore({ connectionString: cluster.url(), tablePrefix: 'remoteauth_contract', remoteAuthZipDir: dataPath });
});
