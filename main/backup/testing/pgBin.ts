import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isExecutableFile as executable } from '../../util/executable';

/** The server programs a throwaway test cluster needs, all from one folder (one version). */
export const PG_PROGRAMS = ['initdb', 'pg_ctl', 'postgres'] as const;

export interface PgSearch {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  isExecutable?: (path: string) => boolean;
  listDir?: (dir: string) => string[];
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Highest version first: "17" before "9.6", "postgresql@16" before "postgresql@15". */
function byVersionDesc(a: string, b: string): number {
  const v = (s: string) => Number(/(\d+(?:\.\d+)?)/.exec(s)?.[1] ?? 0);
  return v(b) - v(a);
}

/**
 * Where PostgreSQL's server programs live: PGBIN, then the usual install folders of each OS (Debian
 * keeps one folder per major version, off PATH), then PATH. Any supported version will do.
 */
export function pgBinCandidates(opts: PgSearch = {}): string[] {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const ls = opts.listDir ?? list;
  const versioned = (root: string, pattern: RegExp, tail: string[]) =>
    ls(root).filter((d) => pattern.test(d)).sort(byVersionDesc).map((d) => join(root, d, ...tail));
  const found: string[] = [];
  if (env.PGBIN) found.push(env.PGBIN);
  if (platform === 'win32') {
    for (const root of [env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => !!r)) {
      found.push(...versioned(`${root}\\PostgreSQL`, /^\d/, ['bin']));
    }
  } else {
    found.push(...versioned('/usr/lib/postgresql', /^\d/, ['bin']));
    found.push(...versioned('/usr', /^pgsql-\d/, ['bin']));
    found.push('/usr/local/pgsql/bin');
    found.push(...versioned('/opt/homebrew/opt', /^postgresql(@\d+)?$/, ['bin']));
    found.push(...versioned('/usr/local/opt', /^postgresql(@\d+)?$/, ['bin']));
    found.push(...versioned('/Applications/Postgres.app/Contents/Versions', /^\d/, ['bin']));
  }
  found.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  return [...new Set(found)];
}

/** The first folder that holds all of initdb, pg_ctl and postgres; undefined when none does. */
export function findPgBin(opts: PgSearch = {}): string | undefined {
  const ok = opts.isExecutable ?? executable;
  const ext = (opts.platform ?? process.platform) === 'win32' ? '.exe' : '';
  return pgBinCandidates(opts).find((dir) => PG_PROGRAMS.every((p) => ok(join(dir, p + ext))));
}
