import type { Account } from '../../preload/contract';
import { AccountCard } from './AccountCard';

export interface AccountListProps {
  accounts: Account[];
  onRemoved(): void;
}

export function AccountList({ accounts, onRemoved }: AccountListProps) {
  return (
    <ul className="account-list" aria-label="Accounts">
      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} onRemoved={onRemoved} />
      ))}
    </ul>
  );
}
