// "Restore from backup": pick a store, see what it holds (each account by label and the last digits of
// its number, each version with time, size and whether it is encrypted), give the recovery passphrase
// when the backup was made elsewhere, restore with progress. Restoring over an account that is already
// here asks first. Errors stay in the dialog, next to the field they are about. The steps are drawn by
// restoreSteps.tsx; useRemoteListing asks the store what it holds, useRestoreRun runs the restore.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { selectStores, useBackupStore } from '../stores/backupStore';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { RemoteBackupList } from './RemoteBackupList';
import { ListingStatus, PlainQuestion, ReplaceQuestion, RestoreActions, RestoreProgress, SkippedList, VersionField } from './restoreSteps';
import { TextField } from './TextField';
import { useModal } from './useModal';
import { useRemoteListing } from './useRemoteListing';
import { useRestoreRun } from './useRestoreRun';

/** FieldError's placement (markup, not words: kept out of the JSX for the literal-text lint). */
const IN_DIALOG = 'dialog';

export interface RestoreDialogProps {
  /** `restored` is the account now on this computer (it starts at once), or null when cancelled. */
  onClose(restored: Account | null): void;
}

export function RestoreDialog({ onClose }: RestoreDialogProps) {
  const { t } = useTranslation('backup');
  const stores = useBackupStore(selectStores);
  const titleId = useId();
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const { listing, backups, accountId, chosen, version, chooseAccount, chooseVersion } = useRemoteListing(storeId);
  const restore = useRestoreRun(onClose);
  const { pending } = restore;
  const modal = useModal(pending, () => onClose(null));
  const name = chosen ? chosen.label ?? chosen.accountId : null;
  const target = chosen && version ? { storeId, accountId: chosen.accountId, versionId: version.id, passphrase, session: chosen.session, origin: chosen.origin } : null;
  const run = (replace: boolean) => void restore.run(target, replace);

  return (
    <dialog ref={modal.ref} className="dialog dialog-wide" aria-labelledby={titleId} aria-busy={pending || undefined} onCancel={modal.onCancel}>
      <h2 id={titleId} className="dialog-title">
        {t('restore.title')}
      </h2>
      <div className="dialog-body restore-body">
        <p>{t('restore.intro')}</p>
        {stores.length === 0 ? (
          <p className="notice-box">{t('restore.noStores')}</p>
        ) : (
          <SelectField
            label={t('restore.store')}
            name="store"
            value={storeId}
            options={stores.map((s) => ({ value: s.id, text: s.name }))}
            onChange={(id) => {
              setStoreId(id);
              restore.clearError();
            }}
            placeholder={t('restore.storePlaceholder')}
            disabled={pending}
          />
        )}
        <ListingStatus listing={listing} />
        {listing.state === 'loaded' ? <SkippedList skipped={listing.skipped} /> : null}
        {backups.length > 0 ? (
          <RemoteBackupList
            backups={backups}
            accountId={accountId}
            disabled={pending}
            onChoose={(id) => {
              chooseAccount(id);
              restore.clearPassError();
              if (restore.phase === 'confirm-plain') restore.keep();
            }}
          />
        ) : null}
        <VersionField backup={chosen} versionId={version?.id ?? ''} disabled={pending} onChange={chooseVersion} />
        {version?.encrypted ? (
          <TextField
            label={t('restore.passphrase')}
            name="passphrase"
            type="password"
            inputRef={restore.passRef}
            value={passphrase}
            onChange={(v) => {
              setPassphrase(v);
              restore.clearPassError();
            }}
            error={restore.passError}
            help={t('restore.passphraseHelp')}
          />
        ) : null}
        {restore.phase === 'confirm-replace' ? <ReplaceQuestion name={name ?? ''} text={restore.replaceText} keepRef={restore.keepRef} onReplace={() => run(true)} onKeep={restore.keep} /> : null}
        {restore.phase === 'confirm-plain' ? <PlainQuestion text={restore.plainText} keepRef={restore.keepRef} onImport={() => restore.importPlain(target)} onKeep={restore.keep} /> : null}
      </div>
      <RestoreProgress pending={pending} name={name ?? ''} />
      <FieldError place={IN_DIALOG} message={restore.error} />
      <RestoreActions name={name} pending={pending} blocked={!chosen || restore.phase === 'confirm-replace' || restore.phase === 'confirm-plain'} onCancel={() => onClose(null)} onRestore={() => run(false)} />
    </dialog>
  );
}
