// Confirmation before removing an account. A linked account is logged out on the phone first, which
// takes a few seconds: the dialog says so up front and shows progress meanwhile.
import type { Account } from '../../preload/contract';
import { selectRemoveAccount, useAccountsStore } from '../stores/accountsStore';
import { ConfirmDialog } from './ConfirmDialog';

export interface RemoveDialogProps {
  account: Account;
  /** `removed` tells the opener whether its account is gone (then it cannot take focus back). */
  onClose(removed: boolean): void;
}

export function RemoveDialog({ account, onClose }: RemoveDialogProps) {
  const remove = useAccountsStore(selectRemoveAccount);
  const label = <span className="label-text">{account.label}</span>;
  return (
    <ConfirmDialog
      title={<>Remove “{label}”?</>}
      confirmLabel="Remove account"
      pendingText={account.linked ? 'Logging out on the phone and removing the account…' : 'Removing the account…'}
      onConfirm={() => remove(account.id)}
      onClose={onClose}
    >
      <p>
        The account “{label}” will be removed from this app. You can add it again later.
      </p>
      {account.linked ? <p>This computer is also logged out on the phone, and its saved session is deleted. This can take a few seconds.</p> : null}
    </ConfirmDialog>
  );
}
