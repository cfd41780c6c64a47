// Stock RemoteAuth 1.34.7's archive, run by RemoteAuth's own code: its storeRemoteSession()
// (fs-extra emptyDir + fs.promises.cp of requiredDirs into a temp dir, then archiver 7 `archiver('zip')`)
// and its extractRemoteSession() (store.extract, then unzipper 0.12 Extract). Nothing is reimplemented:
// only the two fields beforeBrowserInitialized() would set are set by hand, so that it reads and writes
// the LocalAuth profile. The stores are the plainest that work: one PutObject of the zip file / one copy.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Store } from 'whatsapp-web.js';
import type { StoreSpec } from './step';

/** The parts of RemoteAuth (src/authStrategies/RemoteAuth.js) this benchmark drives; not in index.d.ts. */
interface RemoteAuthInternals {
  userDataDir: string;
  sessionName: string;
  tempDir: string;
  storeRemoteSession(options?: { emit?: boolean }): Promise<void>;
  extractRemoteSession(): Promise<void>;
}
type RemoteAuthClass = new (options: { clientId: string; dataPath: string; store: Store; backupSyncIntervalMs: number }) => RemoteAuthInternals;

// Deep import: the class as shipped, with its own archiver 7 / unzipper / fs-extra (not our archiver 8).
const requireHere = createRequire(__filename);
const RemoteAuth = requireHere('whatsapp-web.js/src/authStrategies/RemoteAuth') as RemoteAuthClass;

/*
 * RemoteAuth's unCompressSession() resolves on unzipper Extract's 'finish', which fires once the zip has
 * been *read*; the files are written afterwards, and Extract signals that with 'close' (unzipper
 * lib/extract.js). RemoteAuth then launches Chromium on a profile still being written. To measure when
 * the restored profile is really complete (and to let the child exit only then), we observe 'close' on
 * the very Extract stream RemoteAuth creates; RemoteAuth looks `unzipper.Extract` up at call time.
 */
const unzipper = createRequire(requireHere.resolve('whatsapp-web.js/src/authStrategies/RemoteAuth'))('unzipper') as { Extract: (o: object) => NodeJS.EventEmitter };
const extractsClosed: Promise<void>[] = [];
const originalExtract = unzipper.Extract;
unzipper.Extract = (options: object) => {
  const stream = originalExtract(options);
  extractsClosed.push(new Promise((resolve, reject) => {
    stream.once('close', () => resolve());
    stream.once('error', reject);
  }));
  return stream;
};

export interface StockStore extends Store {
  /** Bytes of the last zip handed to the store. */
  uploadedBytes: number;
  close(): void;
}

/**
 * Like wwebjs-aws-s3 (key `<prefix>RemoteAuth-<id>.zip`, a single streamed PutObject), minus its path
 * bugs (docs/whatsapp-web.js.md, "Published stores").
 */
function s3Store(spec: Extract<StoreSpec, { kind: 's3' }>, zipDir: string): StockStore {
  const client = new S3Client({
    endpoint: spec.endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: spec.accessKeyId, secretAccessKey: spec.secretAccessKey },
    // Same as S3Store: s3rver stores a streamed body with aws-chunked framing otherwise (docs/development.md, "s3rver and the SDK's checksums").
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const key = (session: string) => `${spec.prefix}${session}.zip`;
  const store: StockStore = {
    uploadedBytes: 0,
    close: () => client.destroy(),
    async sessionExists({ session }) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: spec.bucket, Key: key(session) }));
        return true;
      } catch (err) {
        if ((err as { name?: string }).name === 'NotFound') return false;
        throw err;
      }
    },
    async save({ session }) {
      const file = join(zipDir, `${session}.zip`);
      const size = (await stat(file)).size;
      await client.send(new PutObjectCommand({ Bucket: spec.bucket, Key: key(session), Body: createReadStream(file), ContentLength: size }));
      store.uploadedBytes = size;
    },
    async extract({ session, path }) {
      const res = await client.send(new GetObjectCommand({ Bucket: spec.bucket, Key: key(session) }));
      await mkdir(dirname(path), { recursive: true });
      await pipeline(res.Body as Readable, createWriteStream(path));
    },
    delete: () => undefined,
  };
  return store;
}

/** A folder store: copy the zip in, copy it out. */
function folderStore(spec: Extract<StoreSpec, { kind: 'folder' }>, zipDir: string): StockStore {
  const file = (session: string) => join(spec.root, `${session}.zip`);
  const store: StockStore = {
    uploadedBytes: 0,
    close: () => undefined,
    sessionExists: async ({ session }) => stat(file(session)).then(() => true, () => false),
    async save({ session }) {
      const src = join(zipDir, `${session}.zip`);
      await copyFile(src, file(session));
      store.uploadedBytes = (await stat(src)).size;
    },
    async extract({ session, path }) {
      await mkdir(dirname(path), { recursive: true });
      await copyFile(file(session), path);
    },
    delete: () => undefined,
  };
  return store;
}

export function stockStore(spec: StoreSpec, zipDir: string): StockStore {
  return spec.kind === 's3' ? s3Store(spec, zipDir) : folderStore(spec, zipDir);
}

function remoteAuth(accountId: string, dataPath: string, store: Store, userDataDir: string): RemoteAuthInternals {
  const auth = new RemoteAuth({ clientId: accountId, dataPath, store, backupSyncIntervalMs: 60_000 });
  // What beforeBrowserInitialized() sets (L72-L84), pointed at the LocalAuth profile instead of RemoteAuth-<id>.
  auth.userDataDir = userDataDir;
  auth.sessionName = `RemoteAuth-${accountId}`;
  return auth;
}

/** RemoteAuth's periodic save: copy requiredDirs to `<workDir>/wwebjs_temp_session_<id>`, zip, store.save, clean up. */
export async function stockBackUp(o: { accountId: string; profileDir: string; workDir: string; store: StockStore }): Promise<{ uploadedBytes: number }> {
  await mkdir(o.workDir, { recursive: true });
  await remoteAuth(o.accountId, o.workDir, o.store, o.profileDir).storeRemoteSession();
  return { uploadedBytes: o.store.uploadedBytes };
}

/**
 * RemoteAuth's start-up restore into `<dataPath>/session-<id>`: store.extract to `<dataPath>/RemoteAuth-<id>.zip`,
 * unzip, unlink. `resolvedMs` is when RemoteAuth's promise resolved (it would launch Chromium then);
 * the function itself returns once unzipper has written every file.
 */
export async function stockRestore(o: { accountId: string; dataPath: string; store: StockStore }): Promise<{ profileDir: string; resolvedMs: number }> {
  const profileDir = join(o.dataPath, `session-${o.accountId}`);
  const t0 = performance.now();
  const auth = remoteAuth(o.accountId, o.dataPath, o.store, profileDir);
  if (!(await o.store.sessionExists({ session: auth.sessionName }))) throw new Error('the stock backup is not in the store');
  await auth.extractRemoteSession();
  const resolvedMs = performance.now() - t0;
  await Promise.all(extractsClosed.splice(0));
  return { profileDir, resolvedMs };
}
