// Confirmation before logging an account out: the phone drops this computer and the saved session is
// deleted, so using the account here again needs a new scan.
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { ConfirmDialog } from './ConfirmDialog';

export interface LogoutDialogProps {
  account: Account;
  onClose(loggedOut: boolean): void;
}

export function LogoutDialog({ account, onClose }: LogoutDialogProps) {
  const { t } = useTranslation('accounts');
  const logout = useAccountsStore((s) => s.logout);
  const values = { label: account.label };
  const label = { label: <span className="label-text" /> };
  return (
    <ConfirmDialog
      title={<Trans t={t} i18nKey="logout.title" values={values} components={label} />}
      confirmLabel={t('logout.confirm')}
      pendingText={t('logout.pending')}
      onConfirm={() => logout(account.id)}
      onClose={onClose}
    >
      <p>
        <Trans t={t} i18nKey="logout.body" values={values} components={label} />
      </p>
    </ConfirmDialog>
  );
}
