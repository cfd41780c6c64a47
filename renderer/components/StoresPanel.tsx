// The list of backup stores with Edit and Remove (after a confirmation that names what stays where),
// and Add a store. One form open at a time, in place of the row (or the Add button) it came from.
import { useEffect, useRef, useState } from 'react';
import type { StoreView } from '../../preload/contract';
import { selectStores, selectStoresStatus, useBackupStore } from '../stores/backupStore';
import { ConfirmDialog } from './ConfirmDialog';
import { StoreForm } from './StoreForm';

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'remove'; id: string };

export function StoresPanel() {
  const stores = useBackupStore(selectStores);
  const status = useBackupStore(selectStoresStatus);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [announcement, setAnnouncement] = useState('');
  const addRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the form or dialog closes.
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (mode.kind !== 'list' || !returnTo.current) return;
    const target = returnTo.current === 'add' ? addRef.current : document.getElementById(returnTo.current);
    (target ?? addRef.current)?.focus();
    returnTo.current = null;
  }, [mode]);

  function close(focus: string) {
    returnTo.current = focus;
    setMode({ kind: 'list' });
  }

  const removing = mode.kind === 'remove' ? stores.find((s) => s.id === mode.id) : undefined;

  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">Stores</h3>
      <p className="muted">Where account backups are kept: S3-compatible storage, a folder, PostgreSQL or MongoDB.</p>
      {status === 'loading' ? <p className="muted">Loading stores…</p> : null}
      {status === 'loaded' && stores.length === 0 && mode.kind !== 'add' ? <p>No stores yet. Add one to back accounts up or to restore them.</p> : null}
      {stores.length > 0 ? (
        <ul className="store-list" aria-label="Stores">
          {stores.map((store) =>
            mode.kind === 'edit' && mode.id === store.id ? (
              <li key={store.id} className="store-item editing">
                <StoreForm
                  store={store}
                  onDone={(saved) => {
                    if (saved) setAnnouncement(`Saved ${saved.name}.`);
                    close(editButtonId(store.id));
                  }}
                />
              </li>
            ) : (
              <StoreRow key={store.id} store={store} onEdit={() => setMode({ kind: 'edit', id: store.id })} onRemove={() => setMode({ kind: 'remove', id: store.id })} />
            ),
          )}
        </ul>
      ) : null}
      {mode.kind === 'add' ? (
        <StoreForm
          onDone={(saved) => {
            if (saved) setAnnouncement(`Added ${saved.name}.`);
            close(saved ? editButtonId(saved.id) : 'add');
          }}
        />
      ) : (
        <div className="actions">
          <button ref={addRef} type="button" className="button" onClick={() => setMode({ kind: 'add' })}>
            Add a store
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {removing ? (
        <RemoveStoreDialog
          store={removing}
          onClose={(done) => {
            if (done) setAnnouncement(`Removed ${removing.name}.`);
            close(done ? 'add' : removeButtonId(removing.id));
          }}
        />
      ) : null}
    </div>
  );
}

const editButtonId = (id: string) => `store-${id}-edit`;
const removeButtonId = (id: string) => `store-${id}-remove`;

function RemoveStoreDialog({ store, onClose }: { store: StoreView; onClose(done: boolean): void }) {
  const removeStore = useBackupStore((s) => s.removeStore);
  return (
    <ConfirmDialog
      title={
        <>
          Remove the store “<span className="label-text">{store.name}</span>”?
        </>
      }
      confirmLabel="Remove store"
      pendingText="Removing the store…"
      onConfirm={() => removeStore(store.id)}
      onClose={onClose}
    >
      <p>This computer stops using it and forgets its settings and secret. The backups already in it stay there and can still be restored if you add it again.</p>
    </ConfirmDialog>
  );
}

function StoreRow({ store, onEdit, onRemove }: { store: StoreView; onEdit(): void; onRemove(): void }) {
  return (
    <li className="store-item">
      <div className="store-text">
        <p className="store-name label-text">{store.name}</p>
        <p className="muted store-description">
          {store.description}
          {store.hasSecret ? ' · secret stored' : ''}
        </p>
      </div>
      <div className="actions">
        <button id={editButtonId(store.id)} type="button" className="button small" onClick={onEdit}>
          Edit<span className="visually-hidden"> {store.name}</span>
        </button>
        <button id={removeButtonId(store.id)} type="button" className="button small subtle-danger" onClick={onRemove}>
          Remove<span className="visually-hidden"> {store.name}</span>
        </button>
      </div>
    </li>
  );
}
