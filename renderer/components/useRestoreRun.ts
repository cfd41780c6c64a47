import { useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { t } from '../i18n';
import { useBackupStore } from '../stores/backupStore';
import { errorText } from './errors';

export type RestorePhase = 'choose' | 'restoring' | 'confirm-replace' | 'confirm-plain';

export interface RestoreTarget {
  storeId: string;
  accountId: string;
  versionId: string;
  passphrase: string;
  /** The session's name in the store, and its layout (RemoteBackup.session, .origin). */
  session: string;
  origin: 'app' | 'remoteauth';
}

/**
 * Runs the restore and puts its failure where it belongs: "replace the account here?" becomes a
 * question (its safe answer focused), a passphrase that does not open the backup an error beside the
 * passphrase, "this backup is not encrypted" the question whether to import it as such (only then is it
 * sent again, with allowPlain), anything else the dialog's own error.
 */
export function useRestoreRun(onRestored: (account: Account) => void) {
  const restore = useBackupStore((s) => s.restore);
  const passRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [phase, setPhase] = useState<RestorePhase>('choose');
  const [passError, setPassError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replaceText, setReplaceText] = useState('');
  const [plainText, setPlainText] = useState('');
  // The question about a plain backup comes after the one about replacing: its answer keeps that one's.
  const [replaced, setReplaced] = useState(false);

  async function run(target: RestoreTarget | null, replace: boolean, plain = false) {
    if (phase === 'restoring' || !target) return;
    setPhase('restoring');
    setError(null);
    setPassError(null);
    setReplaced(replace);
    const { passphrase, session, origin, ...which } = target;
    const from = origin === 'remoteauth' || session !== `RemoteAuth-${which.accountId}` ? { session, origin } : {};
    const result = await restore({ ...which, ...from, ...(passphrase ? { passphrase } : {}), ...(replace ? { replace: true } : {}), ...(plain ? { allowPlain: true } : {}) });
    if (result.ok) return onRestored(result.value);
    const e = result.error;
    if (e.code === 'BACKUP_NOT_ENCRYPTED' || e.code === 'BACKUP_UNVERIFIED') {
      // main's words for an old, unverifiable archive; for a plain one the question says the rest.
      setPlainText(e.code === 'BACKUP_UNVERIFIED' ? errorText(e) : t('backup:restore.plainBackup'));
      setPhase('confirm-plain');
      return void requestAnimationFrame(() => keepRef.current?.focus());
    }
    if (e.code === 'CONFIRM_REQUIRED') {
      setReplaceText(errorText(e));
      setPhase('confirm-replace');
      // The question may be below the fold of a small window: focusing its safe answer brings it into view.
      return void requestAnimationFrame(() => keepRef.current?.focus());
    }
    setPhase('choose');
    // Without a passphrase KEY_MISMATCH means "made elsewhere"; with one, main says why it still does not fit.
    if (e.code === 'KEY_MISMATCH') setPassError(passphrase ? errorText(e) : t('backup:restore.madeElsewhere'));
    else if (e.code === 'WRONG_PASSPHRASE') setPassError(errorText(e, t('backup:restore.wrongPassphrase')));
    else return setError(errorText(e));
    requestAnimationFrame(() => passRef.current?.focus());
  }

  return {
    phase,
    pending: phase === 'restoring',
    passError,
    error,
    replaceText,
    plainText,
    passRef,
    keepRef,
    run,
    keep: () => setPhase('choose'),
    /** "Import an unencrypted backup": the same restore again, accepting a plain archive. */
    importPlain: (target: RestoreTarget | null) => void run(target, replaced, true),
    clearPassError: () => setPassError(null),
    clearError: () => setError(null),
  };
}
