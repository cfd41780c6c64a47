// Confirmation before removing an account: a modal <dialog> that names the account. Cancel is focused
// first (the safe choice); Escape and Cancel keep the account; focus returns to whoever opened it.
import { useEffect, useId, useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { selectRemoveAccount, useAccountsStore } from '../stores/accountsStore';
import { errorText } from './errors';

export interface RemoveDialogProps {
  account: Account;
  /** `removed` tells the opener whether its account is gone (then it cannot take focus back). */
  onClose(removed: boolean): void;
}

export function RemoveDialog({ account, onClose }: RemoveDialogProps) {
  const remove = useAccountsStore(selectRemoveAccount);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog.close();
  }, []);

  async function confirm() {
    if (pending) return;
    setPending(true);
    const result = await remove(account.id);
    setPending(false);
    if (result.ok) onClose(true);
    else setError(errorText(result.error));
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        // Escape: close through React state so the opener gets focus back.
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Remove “<span className="label-text">{account.label}</span>”?
      </h2>
      <p id={bodyId}>
        The account “<span className="label-text">{account.label}</span>” will be removed from this app. You can add it
        again later.
      </p>
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={confirm} aria-disabled={pending || undefined}>
          Remove account
        </button>
      </div>
    </dialog>
  );
}
