import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import S3rver from 's3rver';

/** s3rver's built-in account: the only credentials it accepts. */
export const S3RVER_KEY = 'S3RVER';
export const S3RVER_SECRET = 'S3RVER';

export interface RunningS3rver {
  endpoint: string;
  port: number;
  bucket: string;
  directory: string;
  /** Drops every open connection and stops listening, like a server that dies mid-request; keeps the data. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** An S3-compatible server on 127.0.0.1 (free port) with one bucket, in a temp folder removed on stop. */
export async function startS3rver(bucket = 'backups', reuse?: { directory: string; port: number }): Promise<RunningS3rver> {
  const directory = reuse?.directory ?? (await mkdtemp(join(tmpdir(), 's3rver-')));
  const server = new S3rver({ address: '127.0.0.1', port: reuse?.port ?? 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const sockets = new Set<Socket>();
  server.httpServer?.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const s of sockets) s.destroy();
    await server.close();
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    directory,
    crash: close,
    stop: async () => {
      await close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
