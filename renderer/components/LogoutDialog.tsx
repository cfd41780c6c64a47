// Confirmation before logging an account out: the phone drops this computer and the saved session is
// deleted, so using the account here again needs a new scan.
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { ConfirmDialog } from './ConfirmDialog';

export interface LogoutDialogProps {
  account: Account;
  onClose(loggedOut: boolean): void;
}

export function LogoutDialog({ account, onClose }: LogoutDialogProps) {
  const logout = useAccountsStore((s) => s.logout);
  const label = <span className="label-text">{account.label}</span>;
  return (
    <ConfirmDialog
      title={<>Log out “{label}”?</>}
      confirmLabel="Log out"
      pendingText="Logging out on the phone…"
      onConfirm={() => logout(account.id)}
      onClose={onClose}
    >
      <p>
        This computer is removed from the phone’s linked devices and the saved session of “{label}” is deleted. To use it here
        again you will scan a new QR code. The account stays in the list.
      </p>
    </ConfirmDialog>
  );
}
