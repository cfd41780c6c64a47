import { posix, win32 } from 'node:path';
import type { StoreSettings } from '../../preload/contract';
import { AppError } from '../errors';
import { checkS3Transport } from './storeConnections';

/**
 * A folder store's path must be a full path of the computer the app runs on: `C:\Backups` saved on
 * Linux (a relative name there) would fail inside every later backup. The contract accepts both
 * styles, since the page cannot know main's platform; main decides here, when the store is saved or tested.
 */
export function checkStoreSettings(settings: StoreSettings, platform: NodeJS.Platform = process.platform): void {
  if (settings.kind === 's3') checkS3Transport(settings);
  if (settings.kind !== 'folder') return;
  const windows = platform === 'win32';
  const ok = windows ? win32.isAbsolute(settings.path) && /^([A-Za-z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+)/.test(settings.path) : posix.isAbsolute(settings.path);
  if (!ok) {
    const example = windows ? 'D:\\Backups or \\\\server\\share\\backups' : '/mnt/backups';
    throw new AppError('INVALID_INPUT', `That is not a full folder path on this computer. Give one such as ${example}.`, 'settings.path');
  }
}

/**
 * What decides where a store's secret is sent, and as whom: the server (host and port, S3's endpoint;
 * AWS's region when there is no endpoint; the bucket when it is part of the host name) and the identity
 * the secret belongs to (user, access key id). A database, a prefix or a path-style bucket on the same
 * server do not move the secret.
 */
function destination(s: StoreSettings): unknown {
  switch (s.kind) {
    case 'folder':
      return { kind: s.kind };
    case 's3': {
      const endpoint = s.endpoint ?? '';
      const pathStyle = s.forcePathStyle ?? !!endpoint;
      return { kind: s.kind, endpoint, region: endpoint ? null : s.region, host: pathStyle ? null : s.bucket, accessKeyId: s.accessKeyId };
    }
    case 'postgres':
      return { kind: s.kind, host: s.host, port: s.port, user: s.user };
    case 'mongo':
      return { kind: s.kind, host: s.host, port: s.port, user: s.user ?? '', authSource: s.authSource ?? '' };
  }
}

/** Whether a saved secret may go with `next`: only when it goes where it was saved for. */
export function sameDestination(saved: StoreSettings, next: StoreSettings): boolean {
  return JSON.stringify(destination(saved)) === JSON.stringify(destination(next));
}

export function secretRequiredAgain(): AppError {
  return new AppError(
    'INVALID_INPUT',
    'The connection settings changed: type the password or secret key again. A saved secret is only ever sent to the place it was saved for.',
    'secret',
  );
}
