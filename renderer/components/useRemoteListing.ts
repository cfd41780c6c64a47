import { useEffect, useState } from 'react';
import type { RemoteBackup, SkippedBackup } from '../../preload/contract';
import { isEnglish, t } from '../i18n';
import { useBackupStore } from '../stores/backupStore';
import { errorText } from './errors';

export type Listing = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; backups: RemoteBackup[]; skipped: SkippedBackup[] };

/**
 * What a store holds (in the app's layout and RemoteAuth's, and what it passed over), asked again whenever the store changes (an answer about a store no longer chosen
 * is dropped), and which account and version are chosen: at first the first account's newest version.
 */
export function useRemoteListing(storeId: string) {
  const scanRemote = useBackupStore((s) => s.scanRemote);
  const [listing, setListing] = useState<Listing>({ state: 'idle' });
  const [accountId, setAccountId] = useState('');
  const [versionId, setVersionId] = useState('');

  useEffect(() => {
    if (!storeId) return;
    let current = true;
    setListing({ state: 'loading' });
    void scanRemote(storeId).then((result) => {
      if (!current) return;
      if (!result.ok) return setListing({ state: 'failed', message: errorText(result.error) });
      const backups = result.value.backups.filter((b) => b.versions.length > 0).map((b) => ({ ...b, versions: b.versions.slice().sort((x, y) => y.createdAt - x.createdAt) }));
      setListing({ state: 'loaded', backups, skipped: result.value.skipped });
      const first = backups[0];
      setAccountId(first?.accountId ?? '');
      setVersionId(first?.versions[0]?.id ?? '');
    });
    return () => {
      current = false;
    };
  }, [storeId, scanRemote]);

  const backups = listing.state === 'loaded' ? listing.backups : [];
  const chosen = backups.find((b) => b.accountId === accountId);
  const version = chosen?.versions.find((v) => v.id === versionId) ?? chosen?.versions[0];

  function chooseAccount(id: string) {
    setAccountId(id);
    setVersionId(backups.find((b) => b.accountId === id)?.versions[0]?.id ?? '');
  }

  return { listing, backups, accountId, chosen, version, chooseAccount, chooseVersion: setVersionId };
}

/** "1 version", "3 versions". */
export function versionCountText(count: number): string {
  return t('backup:remote.versions', { count });
}

/** "encrypted" or "not encrypted", as a version reads in the listing. */
export function encryptionText(encrypted: boolean): string {
  return encrypted ? t('backup:restore.encrypted') : t('backup:restore.notEncrypted');
}

/**
 * Why a store's item cannot be restored: main's words in English; in another language the catalog's
 * sentence for it (main sends no code here, only its few fixed sentences: main/backup/stores/remoteAuthLayouts.ts).
 */
export function skippedReasonText(reason: string): string {
  if (isEnglish()) return reason;
  if (reason.startsWith('not named the way RemoteAuth names a session')) return t('backup:restore.skippedReason.notSessionName');
  if (reason === 'the file is empty') return t('backup:restore.skippedReason.emptyFile');
  if (reason.startsWith('holds no complete backup')) return t('backup:restore.skippedReason.noCompleteVersion');
  if (reason.startsWith('not named after a RemoteAuth session')) return t('backup:restore.skippedReason.bucketNotSession');
  const zip = /^holds no (\S+\.zip)$/.exec(reason);
  if (zip) return t('backup:restore.skippedReason.bucketWithoutZip', { file: zip[1] });
  return t('backup:restore.skippedReason.other');
}
