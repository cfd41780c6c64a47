// The parts of "Restore from backup", in the order the user meets them: what the store holds (or why
// it could not be read) and what it passed over, the version, the replace question, the question
// whether to import an unencrypted backup, the progress, and the dialog's buttons.
import type { Ref } from 'react';
import type { RemoteBackup, SkippedBackup } from '../../preload/contract';
import { sizeText } from './backupView';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import type { Listing } from './useRemoteListing';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ListingStatus({ listing }: { listing: Listing }) {
  return (
    <>
      <div role="status" className="restore-status">
        {listing.state === 'loading' ? (
          <p className="panel-line">
            <span className="spinner" aria-hidden="true" />
            Looking for backups in this store…
          </p>
        ) : null}
        {listing.state === 'loaded' && listing.backups.length === 0 ? <p>This store holds no backups yet.</p> : null}
      </div>
      <FieldError message={listing.state === 'failed' ? listing.message : null} />
    </>
  );
}

/** Files and folders the store holds that are not listed above, each with why: nothing is left out without a word. */
export function SkippedList({ skipped }: { skipped: SkippedBackup[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="restore-skipped">
      <summary>{skipped.length === 1 ? '1 item in this store cannot be restored' : `${skipped.length} items in this store cannot be restored`}</summary>
      <ul aria-label="Not restorable">
        {skipped.map((s) => (
          <li key={s.name}>
            <span className="label-text">{s.name}</span>: {s.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

export interface PlainQuestionProps {
  /** Main's words on why this backup cannot be verified. */
  text: string;
  /** Where it came from: a store others may write to, or a file chosen from disk. */
  source?: 'store' | 'file';
  keepRef: Ref<HTMLButtonElement>;
  onImport(): void;
  onKeep(): void;
}

/** Asked before a plain (or unverifiable) archive is sent again with allowPlain: what importing it means. */
export function PlainQuestion({ text, source = 'store', keepRef, onImport, onKeep }: PlainQuestionProps) {
  const who = source === 'store' ? 'Anyone who could write to this store could have put it there' : 'Anyone could have made this file';
  return (
    <div className="notice-box tone-warn" role="alert">
      <p className="panel-title">Import an unencrypted backup?</p>
      <p>{text}</p>
      <p>
        <strong>{who}; import only a backup you made</strong> (for example a session you saved yourself with RemoteAuth, or one
        made here with encryption off). Whoever made it can read this account’s messages.
      </p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onImport}>
          Import an unencrypted backup
        </button>
        {/* Its safe answer takes the focus as it appears (it may be below the fold of a small window). */}
        <button ref={keepRef} type="button" className="button" onClick={onKeep} autoFocus>
          Don’t import it
        </button>
      </div>
    </div>
  );
}

export interface VersionFieldProps {
  backup: RemoteBackup | undefined;
  versionId: string;
  disabled: boolean;
  onChange(versionId: string): void;
}

/** Offered only when there is a choice: the newest version is the default. */
export function VersionField({ backup, versionId, disabled, onChange }: VersionFieldProps) {
  if (!backup || backup.versions.length <= 1) return null;
  return (
    <SelectField
      label="Version"
      name="version"
      value={versionId}
      disabled={disabled}
      options={backup.versions.map((v, i) => ({ value: v.id, text: `${when.format(v.createdAt)} · ${sizeText(v.size)} · ${v.encrypted ? 'encrypted' : 'not encrypted'}${i === 0 ? ' (newest)' : ''}` }))}
      onChange={onChange}
    />
  );
}

export interface ReplaceQuestionProps {
  name: string;
  text: string;
  keepRef: Ref<HTMLButtonElement>;
  onReplace(): void;
  onKeep(): void;
}

export function ReplaceQuestion({ name, text, keepRef, onReplace, onKeep }: ReplaceQuestionProps) {
  return (
    <div className="notice-box tone-warn" role="alert">
      <p className="panel-title">Replace “{name}” on this computer?</p>
      <p>{text}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onReplace}>
          Replace it
        </button>
        <button ref={keepRef} type="button" className="button" onClick={onKeep}>
          Keep it
        </button>
      </div>
    </div>
  );
}

export function RestoreProgress({ pending, name }: { pending: boolean; name: string }) {
  return (
    <p className="dialog-progress" role="status">
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          Restoring “{name}”: downloading, checking and putting the session in place…
        </>
      ) : null}
    </p>
  );
}

export interface RestoreActionsProps {
  /** The account's name once one is chosen. */
  name: string | null;
  pending: boolean;
  /** Restore is not offered (nothing chosen, or the replace question is open). */
  blocked: boolean;
  onCancel(): void;
  onRestore(): void;
}

export function RestoreActions({ name, pending, blocked, onCancel, onRestore }: RestoreActionsProps) {
  return (
    <div className="actions dialog-actions">
      <button type="button" className="button" onClick={() => !pending && onCancel()} aria-disabled={pending || undefined}>
        Cancel
      </button>
      <button type="button" className="button primary" onClick={onRestore} aria-disabled={pending || blocked || undefined}>
        {name !== null ? <>Restore “{name}”</> : 'Restore'}
      </button>
    </div>
  );
}
