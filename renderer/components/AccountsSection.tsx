// The main area: the Add control, then the list, or an empty state that says what to do.
// The form keeps its place in the tree whether or not the list is empty, so adding the first
// account does not remount it (focus and typing survive).
import { useRef } from 'react';
import { selectAccounts, selectLoadStatus, useAccountsStore } from '../stores/accountsStore';
import { AccountList } from './AccountList';
import { AddAccountForm } from './AddAccountForm';

export function AccountsSection() {
  const accounts = useAccountsStore(selectAccounts);
  const status = useAccountsStore(selectLoadStatus);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const empty = status === 'loaded' && accounts.length === 0;
  // Never loaded (main unreachable, the banner says why): an Add form could only fail.
  const unavailable = status === 'failed' && accounts.length === 0;

  return (
    <section className="accounts" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" ref={headingRef} tabIndex={-1} className="section-title">
        Accounts
      </h2>
      {unavailable ? <p className="muted">Your accounts appear here once the app is connected.</p> : null}
      <div className={empty ? 'panel empty-state' : 'panel'} hidden={unavailable}>
        {empty ? (
          <p className="empty-text">
            <strong>No accounts yet.</strong> Add one to link a WhatsApp account.
          </p>
        ) : null}
        {empty ? (
          <p className="muted">Moving from another computer? Use Restore from backup under Backup below: no QR code to scan.</p>
        ) : null}
        <AddAccountForm />
      </div>
      {status === 'loading' || status === 'idle' ? <p className="muted">Loading accounts…</p> : null}
      {accounts.length > 0 ? <AccountList accounts={accounts} onRemoved={() => headingRef.current?.focus()} /> : null}
    </section>
  );
}
