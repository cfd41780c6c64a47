import path from 'node:path';
import { z } from 'zod';
import type { SessionSettings } from './accounts/AccountSession';

/**
 * Development and test hooks, read from the environment by the hosts only: the simulator's Chromium
 * flags (host mapping + certificate pin) and shorter timings, a browser path, a data folder.
 * A packaged app ignores them all (devHooks below): whoever can set a variable for the user's session
 * must not be able to point the installed app at their own browser, data folder or Chromium flags.
 */
const DevEngine = z
  .object({
    extraChromiumArgs: z.array(z.string()).optional(),
    qrFirstTtlMs: z.number().int().positive().optional(),
    qrLaterTtlMs: z.number().int().positive().optional(),
    qrLimit: z.number().int().positive().optional(),
    pairingIntervalMs: z.number().int().positive().optional(),
    timeouts: z.object({ pageMs: z.number(), authToReadyMs: z.number(), syncMs: z.number(), teardownMs: z.number() }).partial().optional(),
    backoff: z.object({ baseMs: z.number(), capMs: z.number(), maxAttempts: z.number(), jitter: z.number() }).optional(),
  })
  .strict();

export const DEV_ENGINE_ENV = 'WA_ACCOUNTS_DEV_ENGINE';
export const BROWSER_ENV = 'WA_ACCOUNTS_BROWSER';
export const DATA_DIR_ENV = 'WA_ACCOUNTS_DATA_DIR';

export interface DevHooks {
  engine: Partial<SessionSettings> | undefined;
  /** A browser executable, or 'none'; null: look for one as usual. */
  browserPath: string | null;
  /** An absolute data folder; null: the host's default. */
  dataDir: string | null;
}

/** The hooks a host honours: all of them in development, none in a packaged app. */
export function devHooks(env: NodeJS.ProcessEnv, packaged: boolean): DevHooks {
  if (packaged) return { engine: undefined, browserPath: null, dataDir: null };
  const dataDir = env[DATA_DIR_ENV];
  return {
    engine: devEngineFromEnv(env),
    browserPath: env[BROWSER_ENV] || null,
    dataDir: dataDir ? path.resolve(dataDir) : null,
  };
}

export function devEngineFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SessionSettings> | undefined {
  const raw = env[DEV_ENGINE_ENV];
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${DEV_ENGINE_ENV} must be JSON (got ${raw.slice(0, 40)}…)`);
  }
  const parsed = DevEngine.safeParse(json);
  if (!parsed.success) throw new Error(`${DEV_ENGINE_ENV} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data as Partial<SessionSettings>;
}
