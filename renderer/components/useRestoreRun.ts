import { useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { errorText } from './errors';

export type RestorePhase = 'choose' | 'restoring' | 'confirm-replace';

export interface RestoreTarget {
  storeId: string;
  accountId: string;
  versionId: string;
  passphrase: string;
}

/**
 * Runs the restore and puts its failure where it belongs: "replace the account here?" becomes a
 * question (its safe answer focused), a passphrase that does not open the backup an error beside the
 * passphrase, anything else the dialog's own error.
 */
export function useRestoreRun(onRestored: (account: Account) => void) {
  const restore = useBackupStore((s) => s.restore);
  const passRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [phase, setPhase] = useState<RestorePhase>('choose');
  const [passError, setPassError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replaceText, setReplaceText] = useState('');

  async function run(target: RestoreTarget | null, replace: boolean) {
    if (phase === 'restoring' || !target) return;
    setPhase('restoring');
    setError(null);
    setPassError(null);
    const { passphrase, ...which } = target;
    const result = await restore({ ...which, ...(passphrase ? { passphrase } : {}), ...(replace ? { replace: true } : {}) });
    if (result.ok) return onRestored(result.value);
    const e = result.error;
    if (e.code === 'CONFIRM_REQUIRED') {
      setReplaceText(errorText(e));
      setPhase('confirm-replace');
      // The question may be below the fold of a small window: focusing its safe answer brings it into view.
      return void requestAnimationFrame(() => keepRef.current?.focus());
    }
    setPhase('choose');
    // Without a passphrase KEY_MISMATCH means "made elsewhere"; with one, main says why it still does not fit.
    if (e.code === 'KEY_MISMATCH') setPassError(passphrase ? errorText(e) : 'This backup was made on another computer: enter its recovery passphrase.');
    else if (e.code === 'WRONG_PASSPHRASE') setPassError(errorText(e, 'That passphrase does not open this backup.'));
    else return setError(errorText(e));
    requestAnimationFrame(() => passRef.current?.focus());
  }

  return {
    phase,
    pending: phase === 'restoring',
    passError,
    error,
    replaceText,
    passRef,
    keepRef,
    run,
    keep: () => setPhase('choose'),
    clearPassError: () => setPassError(null),
    clearError: () => setError(null),
  };
}
