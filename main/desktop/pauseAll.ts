// "Pause all" and "Resume all" from the tray: stop every running account, and later start again exactly
// those (not the ones the user had stopped by hand). The engine runs each stop and start as its
// contract command (main/index.ts pauseAll/resumeAll), so they queue behind other work on the account.
import type { Logger } from '../log';

export interface PauseTarget {
  list(): ReadonlyArray<{ id: string; running: boolean }>;
  /** Stops one account (accounts.stop); rejects when it could not. */
  stop(id: string): Promise<void>;
  /** Starts one account (accounts.start); rejects when it could not. */
  start(id: string): Promise<void>;
}

/** Stops every running account at once; answers the ids it stopped (one that failed to stop is logged and left out). */
export async function pauseRunning(target: PauseTarget, log: Logger): Promise<string[]> {
  const running = target.list().filter((a) => a.running).map((a) => a.id);
  const results = await Promise.allSettled(running.map((id) => target.stop(id)));
  return running.filter((id, i) => {
    const r = results[i]!;
    if (r.status === 'rejected') log.warn('pause all: an account did not stop', { account: id, error: String(r.reason) });
    return r.status === 'fulfilled';
  });
}

/**
 * Starts the accounts `paused` names that still exist and are still stopped (the engine staggers the
 * browsers itself); answers the ids it started.
 */
export async function resumePaused(target: PauseTarget, paused: readonly string[], log: Logger): Promise<string[]> {
  const wanted = new Set(paused);
  const toStart = target.list().filter((a) => wanted.has(a.id) && !a.running).map((a) => a.id);
  const started: string[] = [];
  // One after the other: each start launches a browser, and the order the user sees stays the list's.
  for (const id of toStart) {
    try {
      await target.start(id);
      started.push(id);
    } catch (err) {
      log.warn('resume all: an account did not start', { account: id, error: String(err) });
    }
  }
  return started;
}

type Dispatch = (command: 'accounts.stop' | 'accounts.start', input: { id: string }) => Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>;

/**
 * The engine as Pause all sees it: each stop and start goes through the contract command (the
 * CommandRegistry), so it is queued behind other work on that account and announced like any other.
 */
export function commandPauseTarget(registry: { dispatch: Dispatch }, accounts: { list: PauseTarget['list'] }): PauseTarget {
  const run = async (command: 'accounts.stop' | 'accounts.start', id: string) => {
    const result = await registry.dispatch(command, { id });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  };
  return { list: () => accounts.list(), stop: (id) => run('accounts.stop', id), start: (id) => run('accounts.start', id) };
}
