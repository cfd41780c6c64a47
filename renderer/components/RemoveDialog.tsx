// Confirmation before removing an account. A linked account is logged out on the phone first, which
// takes a few seconds: the dialog says so up front and shows progress meanwhile.
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectRemoveAccount, useAccountsStore } from '../stores/accountsStore';
import { ConfirmDialog } from './ConfirmDialog';

export interface RemoveDialogProps {
  account: Account;
  /** `removed` tells the opener whether its account is gone (then it cannot take focus back). */
  onClose(removed: boolean): void;
}

export function RemoveDialog({ account, onClose }: RemoveDialogProps) {
  const { t } = useTranslation('accounts');
  const remove = useAccountsStore(selectRemoveAccount);
  const values = { label: account.label };
  const label = { label: <span className="label-text" /> };
  return (
    <ConfirmDialog
      title={<Trans t={t} i18nKey="remove.title" values={values} components={label} />}
      confirmLabel={t('remove.confirm')}
      pendingText={account.linked ? t('remove.pendingLinked') : t('remove.pending')}
      onConfirm={() => remove(account.id)}
      onClose={onClose}
    >
      <p>
        <Trans t={t} i18nKey="remove.body" values={values} components={label} />
      </p>
      {account.linked ? <p>{t('remove.linked')}</p> : null}
    </ConfirmDialog>
  );
}
