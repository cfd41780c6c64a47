// "Restore from backup": pick a store, see what it holds (each account by label and the last digits of
// its number, each version with time, size and whether it is encrypted), give the recovery passphrase
// when the backup was made elsewhere, restore with progress. Restoring over an account that is already
// here asks first. Errors stay in the dialog, next to the field they are about.
import { useEffect, useId, useRef, useState } from 'react';
import { useModal } from './useModal';
import type { Account, RemoteBackup } from '../../preload/contract';
import { selectStores, useBackupStore } from '../stores/backupStore';
import { sizeText } from './backupView';
import { SelectField } from './ChoiceFields';
import { errorText } from './errors';
import { RemoteBackupList } from './RemoteBackupList';
import { TextField } from './TextField';

export interface RestoreDialogProps {
  /** `restored` is the account now on this computer (it starts at once), or null when cancelled. */
  onClose(restored: Account | null): void;
}

type Listing = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; backups: RemoteBackup[] };
type Phase = 'choose' | 'restoring' | 'confirm-replace';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RestoreDialog({ onClose }: RestoreDialogProps) {
  const stores = useBackupStore(selectStores);
  const listRemote = useBackupStore((s) => s.listRemote);
  const restore = useBackupStore((s) => s.restore);
  const passRef = useRef<HTMLInputElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [listing, setListing] = useState<Listing>({ state: 'idle' });
  const [accountId, setAccountId] = useState('');
  const [versionId, setVersionId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('choose');
  const [replaceText, setReplaceText] = useState('');

  useEffect(() => {
    if (!storeId) return;
    let current = true;
    setListing({ state: 'loading' });
    setError(null);
    void listRemote(storeId).then((result) => {
      if (!current) return;
      if (!result.ok) return setListing({ state: 'failed', message: errorText(result.error) });
      const backups = result.value.filter((b) => b.versions.length > 0).map((b) => ({ ...b, versions: b.versions.slice().sort((x, y) => y.createdAt - x.createdAt) }));
      setListing({ state: 'loaded', backups });
      const first = backups[0];
      setAccountId(first?.accountId ?? '');
      setVersionId(first?.versions[0]?.id ?? '');
    });
    return () => {
      current = false;
    };
  }, [storeId, listRemote]);

  const backups = listing.state === 'loaded' ? listing.backups : [];
  const chosen = backups.find((b) => b.accountId === accountId);
  const version = chosen?.versions.find((v) => v.id === versionId) ?? chosen?.versions[0];
  const name = chosen ? chosen.label ?? chosen.accountId : '';
  const pending = phase === 'restoring';
  const modal = useModal(pending, () => onClose(null));

  async function run(replace: boolean) {
    if (pending || !chosen || !version) return;
    setPhase('restoring');
    setError(null);
    setPassError(null);
    const result = await restore({ storeId, accountId: chosen.accountId, versionId: version.id, ...(passphrase ? { passphrase } : {}), ...(replace ? { replace: true } : {}) });
    if (result.ok) return onClose(result.value);
    const e = result.error;
    if (e.code === 'CONFIRM_REQUIRED') {
      setReplaceText(e.message);
      setPhase('confirm-replace');
      // The question may be below the fold of a small window: focusing its safe answer brings it into view.
      return void requestAnimationFrame(() => keepRef.current?.focus());
    }
    setPhase('choose');
    // Without a passphrase KEY_MISMATCH means "made elsewhere"; with one, main says why it still does not fit.
    if (e.code === 'KEY_MISMATCH') setPassError(passphrase ? e.message : 'This backup was made on another computer: enter its recovery passphrase.');
    else if (e.code === 'WRONG_PASSPHRASE') setPassError(e.message || 'That passphrase does not open this backup.');
    else return setError(errorText(e));
    requestAnimationFrame(() => passRef.current?.focus());
  }

  return (
    <dialog
      ref={modal.ref}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      aria-busy={pending || undefined}
      onCancel={modal.onCancel}
    >
      <h2 id={titleId} className="dialog-title">
        Restore from backup
      </h2>
      <div className="dialog-body restore-body">
        <p>Bring an account back from a backup store. It starts with its saved session: no QR code to scan.</p>
        {stores.length === 0 ? (
          <p className="notice-box">Add the store that holds the backups first (Backup › Stores › Add a store), then come back here.</p>
        ) : (
          <SelectField label="Store" name="store" value={storeId} options={stores.map((s) => ({ value: s.id, text: s.name }))} onChange={setStoreId} placeholder="Choose a store" disabled={pending} />
        )}
        <div role="status" className="restore-status">
          {listing.state === 'loading' ? (
            <p className="panel-line">
              <span className="spinner" aria-hidden="true" />
              Looking for backups in this store…
            </p>
          ) : null}
          {listing.state === 'loaded' && backups.length === 0 ? <p>This store holds no backups yet.</p> : null}
        </div>
        {listing.state === 'failed' ? (
          <p className="field-error" role="alert">
            {listing.message}
          </p>
        ) : null}
        {backups.length > 0 ? (
          <RemoteBackupList
            backups={backups}
            accountId={accountId}
            disabled={pending}
            onChoose={(id) => {
              setAccountId(id);
              setVersionId(backups.find((b) => b.accountId === id)?.versions[0]?.id ?? '');
              setPassError(null);
            }}
          />
        ) : null}
        {chosen && chosen.versions.length > 1 ? (
          <SelectField
            label="Version"
            name="version"
            value={version?.id ?? ''}
            disabled={pending}
            options={chosen.versions.map((v, i) => ({ value: v.id, text: `${when.format(v.createdAt)} · ${sizeText(v.size)} · ${v.encrypted ? 'encrypted' : 'not encrypted'}${i === 0 ? ' (newest)' : ''}` }))}
            onChange={setVersionId}
          />
        ) : null}
        {version?.encrypted ? (
          <TextField
            label="Recovery passphrase"
            name="passphrase"
            type="password"
            inputRef={passRef}
            value={passphrase}
            onChange={(v) => {
              setPassphrase(v);
              setPassError(null);
            }}
            error={passError}
            help="Needed when the backup was made on another computer: the passphrase set there under Backup › Recovery passphrase."
          />
        ) : null}
        {phase === 'confirm-replace' ? (
          <div className="notice-box tone-warn" role="alert">
            <p className="panel-title">Replace “{name}” on this computer?</p>
            <p>{replaceText}</p>
            <div className="actions">
              <button type="button" className="button danger" onClick={() => void run(true)}>
                Replace it
              </button>
              <button ref={keepRef} type="button" className="button" onClick={() => setPhase('choose')}>
                Keep it
              </button>
            </div>
          </div>
        ) : null}
      </div>
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Restoring “{name}”: downloading, checking and putting the session in place…
          </>
        ) : null}
      </p>
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={() => !pending && onClose(null)} aria-disabled={pending || undefined}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => void run(false)}
          aria-disabled={pending || !chosen || phase === 'confirm-replace' || undefined}
        >
          {chosen ? <>Restore “{name}”</> : 'Restore'}
        </button>
      </div>
    </dialog>
  );
}
