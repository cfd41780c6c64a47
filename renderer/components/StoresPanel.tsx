// The list of backup stores with Edit and Remove (after a confirmation that names what stays where),
// and Add a store. One form open at a time, in place of the row (or the Add button) it came from.
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { StoreView } from '../../preload/contract';
import { selectStores, selectStoresStatus, useBackupStore } from '../stores/backupStore';
import { ConfirmDialog } from './ConfirmDialog';
import { StoreForm } from './StoreForm';
import { storeDescription } from './storeDraft';

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'remove'; id: string };

export function StoresPanel() {
  const { t } = useTranslation('backup');
  const stores = useBackupStore(selectStores);
  const status = useBackupStore(selectStoresStatus);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [announcement, setAnnouncement] = useState('');
  const addRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the form or dialog closes.
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (mode.kind !== 'list' || !returnTo.current) return;
    const target = returnTo.current === ADD_BUTTON ? addRef.current : document.getElementById(returnTo.current);
    (target ?? addRef.current)?.focus();
    returnTo.current = null;
  }, [mode]);

  function close(focus: string) {
    returnTo.current = focus;
    setMode({ kind: 'list' });
  }

  const removing = mode.kind === 'remove' ? stores.find((s) => s.id === mode.id) : undefined;
  const edit = (id: string) => setMode({ kind: 'edit', id });
  const remove = (id: string) => setMode({ kind: 'remove', id });

  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">{t('stores.heading')}</h3>
      <p className="muted">{t('stores.intro')}</p>
      {status === 'loading' ? <p className="muted">{t('stores.loading')}</p> : null}
      {status === 'loaded' && stores.length === 0 && mode.kind !== 'add' ? <p>{t('stores.empty')}</p> : null}
      {stores.length > 0 ? (
        <ul className="store-list" aria-label={t('stores.listLabel')}>
          {stores.map((store) =>
            mode.kind === 'edit' && mode.id === store.id ? (
              <li key={store.id} className="store-item editing">
                <StoreForm
                  store={store}
                  onDone={(saved) => {
                    if (saved) setAnnouncement(t('stores.saved', { name: saved.name }));
                    close(editButtonId(store.id));
                  }}
                />
              </li>
            ) : (
              <StoreRow key={store.id} store={store} onEdit={() => edit(store.id)} onRemove={() => remove(store.id)} />
            ),
          )}
        </ul>
      ) : null}
      {mode.kind === 'add' ? (
        <StoreForm
          onDone={(saved) => {
            if (saved) setAnnouncement(t('stores.added', { name: saved.name }));
            close(saved ? editButtonId(saved.id) : ADD_BUTTON);
          }}
        />
      ) : (
        <div className="actions">
          <button ref={addRef} type="button" className="button" onClick={() => setMode({ kind: 'add' })}>
            {t('stores.add')}
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
            if (done) setAnnouncement(t('stores.removed', { name: removing.name }));
            close(done ? ADD_BUTTON : removeButtonId(removing.id));
          }}
        />
      ) : null}
    </div>
  );
}

/** Where focus returns: the Add button, else the element with this id. */
const ADD_BUTTON = 'add';
const editButtonId = (id: string) => `store-${id}-edit`;
const removeButtonId = (id: string) => `store-${id}-remove`;

function RemoveStoreDialog({ store, onClose }: { store: StoreView; onClose(done: boolean): void }) {
  const { t } = useTranslation('backup');
  const removeStore = useBackupStore((s) => s.removeStore);
  return (
    <ConfirmDialog
      title={<Trans t={t} i18nKey="stores.removeTitle" values={{ name: store.name }} components={{ name: <span className="label-text" /> }} />}
      confirmLabel={t('stores.removeConfirm')}
      pendingText={t('stores.removePending')}
      onConfirm={() => removeStore(store.id)}
      onClose={onClose}
    >
      <p>{t('stores.removeBody')}</p>
    </ConfirmDialog>
  );
}

function StoreRow({ store, onEdit, onRemove }: { store: StoreView; onEdit(): void; onRemove(): void }) {
  const { t } = useTranslation('backup');
  const description = storeDescription(store);
  const hidden = { hidden: <span className="visually-hidden" /> };
  return (
    <li className="store-item">
      <div className="store-text">
        <p className="store-name label-text">{store.name}</p>
        <p className="muted store-description">
          {store.hasSecret ? t('stores.withSecret', { description }) : description}
        </p>
      </div>
      <div className="actions">
        <button id={editButtonId(store.id)} type="button" className="button small" onClick={onEdit}>
          <Trans t={t} i18nKey="stores.edit" values={{ name: store.name }} components={hidden} />
        </button>
        <button id={removeButtonId(store.id)} type="button" className="button small subtle-danger" onClick={onRemove}>
          <Trans t={t} i18nKey="stores.remove" values={{ name: store.name }} components={hidden} />
        </button>
      </div>
    </li>
  );
}
