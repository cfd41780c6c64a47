import { execFile, execFileSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort } from './hangingServer.js';
import { findPgBin } from './pgBin.js';

export { findPgBin };

const run = promisify(execFile);

export interface PostgresCluster {
  host: string;
  port: number;
  /** Superuser "postgres" with password authentication (scram), so wrong passwords are really refused. */
  user: string;
  password: string;
  url(options?: { user?: string; password?: string; database?: string }): string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 (free port, its own socket dir, fsync off) and
 * returns how to reach it. initdb refuses to run as root, so as root the server runs as the
 * `postgres` system user via su (docs/development.md, "PostgreSQL for tests"). Call stop() in afterAll; a process exit also stops it.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server programs (initdb, pg_ctl, postgres) not found: install PostgreSQL, or set PGBIN to their folder');
  const dir = await mkdtemp(join(tmpdir(), 'pgtest-'));
  const asRoot = process.getuid?.() === 0;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  await writeFile(join(dir, 'pwfile'), `${password}\n`);
  if (asRoot) {
    await chown(dir, ...pgIds());
    await chown(join(dir, 'pwfile'), ...pgIds());
  }
  await chmod(join(dir, 'pwfile'), 0o600);
  const sh = async (cmd: string) => (asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', cmd]) : run('/bin/sh', ['-c', cmd]));
  const data = join(dir, 'data');
  await sh(`${bin}/initdb -D ${data} -U postgres --auth=scram-sha-256 --pwfile=${dir}/pwfile -E UTF8 --locale=C.UTF-8 >${dir}/initdb.log 2>&1`);
  const port = await closedPort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40`;
  await sh(`${bin}/pg_ctl -D ${data} -l ${dir}/server.log -w -t 60 -o '${opts}' start >/dev/null`);
  const stopCmd = `${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null 2>&1`;
  let stopped = false;
  // If the test process dies without afterAll, do not leave a postmaster behind.
  const onExit = () => {
    if (stopped) return;
    try {
      execFileSync(asRoot ? 'su' : '/bin/sh', asRoot ? ['postgres', '-s', '/bin/sh', '-c', stopCmd] : ['-c', stopCmd]);
    } catch {
      /* best effort */
    }
  };
  process.once('exit', onExit);
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    url: (o = {}) => `postgres://${encodeURIComponent(o.user ?? 'postgres')}:${encodeURIComponent(o.password ?? password)}@127.0.0.1:${port}/${o.database ?? 'postgres'}`,
    stop: async () => {
      stopped = true;
      process.off('exit', onExit);
      await sh(stopCmd).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function pgIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}
