import { ACCOUNT_ID_PATTERN, type RemoteBackup, type SkippedBackup } from '../../preload/contract';
import { parseManifest } from './archive/manifest';
import type { VersionInfo } from './stores/BackupStore';
import type { ImportScan } from './stores/remoteAuthLayouts';

export interface ListedSession {
  session: string;
  origin: RemoteBackup['origin'];
  versions: VersionInfo[];
}

/** The clientId in a session name: `RemoteAuth-<clientId>`; the default `RemoteAuth` has none (''). */
export function clientIdOf(session: string): string {
  return session === 'RemoteAuth' ? '' : session.replace(/^RemoteAuth-/, '');
}

/**
 * The account id a session is restored as. Its clientId when that is a valid account id (and not
 * already given to another entry of the list); otherwise a new one made from it (lower case, other
 * characters as `-`, at most 40), numbered when that is taken here or in the list: a session that only
 * looks like an account of this computer must not replace it.
 */
export function accountIdFor(session: string, taken: Set<string>, here: (id: string) => boolean): { accountId: string; renamed: boolean } {
  const clientId = clientIdOf(session);
  if (ACCOUNT_ID_PATTERN.test(clientId) && !taken.has(clientId)) return { accountId: clientId, renamed: false };
  const base = clientId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'remoteauth';
  const free = (id: string) => !taken.has(id) && !here(id);
  if (free(base)) return { accountId: base, renamed: true };
  for (let n = 2; ; n++) {
    const id = `${base.slice(0, 40 - String(n).length - 1)}-${n}`;
    if (free(id)) return { accountId: id, renamed: true };
  }
}

/** The name shown for a session whose account id had to change: its clientId, or RemoteAuth's default. */
function originalName(session: string): string {
  return session === 'RemoteAuth' ? 'RemoteAuth (no clientId)' : clientIdOf(session);
}

/**
 * One list of what a store holds, in both layouts: the app's sessions first (they keep their ids), then
 * the RemoteAuth zips, each with the id it is restored as and, when that differs, its original name.
 */
export function remoteListing(app: ListedSession[], scan: ImportScan, here: (id: string) => boolean): { backups: RemoteBackup[]; skipped: SkippedBackup[] } {
  const taken = new Set<string>();
  const backups: RemoteBackup[] = [];
  const skipped: SkippedBackup[] = [...scan.skipped];
  const all: ListedSession[] = [...app, ...scan.sessions.map((s) => ({ session: s.session, origin: 'remoteauth' as const, versions: s.versions }))];
  for (const s of all) {
    if (s.versions.length === 0) continue;
    const { accountId, renamed } = accountIdFor(s.session, taken, here);
    taken.add(accountId);
    const newest = s.versions[0];
    backups.push({
      accountId,
      label: newest?.meta['label'] ?? null,
      phoneTail: parseManifest(newest?.meta['manifest'])?.phoneNumber ?? null,
      versions: s.versions.map((v) => ({ id: v.id, createdAt: v.createdAt, size: v.size, encrypted: v.meta['format'] === 'wa-encrypted-v1' })),
      existsHere: here(accountId),
      session: s.session,
      origin: s.origin,
      originalName: renamed ? originalName(s.session) : null,
    });
  }
  return { backups, skipped };
}
