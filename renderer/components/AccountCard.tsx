// One account. Today: its name, when it was added, Rename and Remove. Issue 4 grows this card with a
// state chip in the header and the linking panel (QR, pairing code, progress) in the body.
import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { RemoveDialog } from './RemoveDialog';
import { RenameForm } from './RenameForm';

export interface AccountCardProps {
  account: Account;
  /** After this account was removed: its card is about to vanish, so focus must go elsewhere. */
  onRemoved(): void;
}

const added = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function AccountCard({ account, onRemoved }: AccountCardProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-remove'>('view');
  const renameRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  // Which button gets focus back once the card shows its buttons again (Rename is unmounted while editing).
  const returnFocus = useRef<'rename' | 'remove' | null>(null);

  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    (returnFocus.current === 'rename' ? renameRef : removeRef).current?.focus();
    returnFocus.current = null;
  }, [mode]);

  function back(to: 'rename' | 'remove') {
    returnFocus.current = to;
    setMode('view');
  }

  return (
    <li className="card">
      {mode === 'rename' ? (
        <RenameForm account={account} onDone={() => back('rename')} />
      ) : (
        <div className="card-header">
          <h3 className="card-title label-text">{account.label}</h3>
          <p className="card-meta">Added {added.format(account.createdAt)}</p>
        </div>
      )}
      {mode !== 'rename' ? (
        <div className="actions card-actions">
          <button ref={renameRef} type="button" className="button" onClick={() => setMode('rename')}>
            Rename<span className="visually-hidden"> {account.label}</span>
          </button>
          <button ref={removeRef} type="button" className="button subtle-danger" onClick={() => setMode('confirm-remove')}>
            Remove<span className="visually-hidden"> {account.label}</span>
          </button>
        </div>
      ) : null}
      {mode === 'confirm-remove' ? (
        <RemoveDialog
          account={account}
          onClose={(removed) => (removed ? onRemoved() : back('remove'))}
        />
      ) : null}
    </li>
  );
}
