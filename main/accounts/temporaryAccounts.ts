// Temporary accounts (whatsapp-web.js NoAuth): the session is never saved. Their Chromium profiles
// live under <sessions>/temp while they run; a stop deletes the profile, a quit deletes the account,
// and the next start removes whatever a killed app left (rows and folder alike).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountsRepo } from '../db/AccountsRepo';
import type { Logger } from '../log';
import { deleteProfile } from './sessionFolder';

/** Where temporary accounts' profiles live: `<sessions>/temp/session-<id>` (sessionFolder.ts's layout, one level down). */
export function temporarySessionsDir(sessionsDir: string): string {
  return join(sessionsDir, 'temp');
}

/** The folder an account's profile is made in: a temporary account's is under `<sessions>/temp`. */
export function sessionsDirOf(sessionsDir: string, account: { temporary: boolean } | undefined): string {
  return account?.temporary ? temporarySessionsDir(sessionsDir) : sessionsDir;
}

/**
 * On start, before any account is attached: temporary accounts of an earlier run are over. Their rows
 * go (the timeline, proxy and backup rows with them, ON DELETE CASCADE) and so does every profile
 * under temp/. Their browsers are gone by then: DevTools runs over a pipe, so each exits with the app
 * that started it (main/browser/launchOptions.ts). Answers the ids removed, so their secrets can go too.
 */
export function purgeTemporary(repo: AccountsRepo, sessionsDir: string, log: Logger): string[] {
  const ended = repo.list().filter((a) => a.temporary).map((a) => a.id);
  for (const id of ended) repo.delete(id);
  try {
    rmSync(temporarySessionsDir(sessionsDir), { recursive: true, force: true });
  } catch (err) {
    log.warn('could not remove temporary profiles left by an earlier run', { error: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  if (ended.length > 0) log.info('removed temporary accounts of an earlier run', { count: ended.length });
  return ended;
}

/** On quit, once the browsers of `ids` have exited: each temporary one's profile and rows go. */
export async function endTemporaryAccounts(repo: AccountsRepo, ids: string[], sessionsDir: string, log: Logger, forget: (id: string) => Promise<void>): Promise<void> {
  for (const id of ids) {
    const a = repo.get(id);
    if (!a?.temporary) continue;
    await deleteProfile(temporarySessionsDir(sessionsDir), a.id).catch((err: unknown) =>
      log.warn('could not delete a temporary profile; the next start will', { account: a.id, error: (err as NodeJS.ErrnoException).code ?? String(err) }));
    repo.delete(a.id);
    await forget(a.id);
  }
}
