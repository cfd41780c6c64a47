// The parts of "Restore from backup", in the order the user meets them: what the store holds (or why
// it could not be read) and what it passed over, the version, the replace question, the question
// whether to import an unencrypted backup, the progress, and the dialog's buttons.
import type { Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { RemoteBackup, SkippedBackup } from '../../preload/contract';
import { sizeText } from './backupView';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { encryptionText, skippedReasonText, type Listing } from './useRemoteListing';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ListingStatus({ listing }: { listing: Listing }) {
  const { t } = useTranslation('backup');
  return (
    <>
      <div role="status" className="restore-status">
        {listing.state === 'loading' ? (
          <p className="panel-line">
            <span className="spinner" aria-hidden="true" />
            {t('restore.looking')}
          </p>
        ) : null}
        {listing.state === 'loaded' && listing.backups.length === 0 ? <p>{t('restore.noBackups')}</p> : null}
      </div>
      <FieldError message={listing.state === 'failed' ? listing.message : null} />
    </>
  );
}

/** Files and folders the store holds that are not listed above, each with why: nothing is left out without a word. */
export function SkippedList({ skipped }: { skipped: SkippedBackup[] }) {
  const { t } = useTranslation('backup');
  if (skipped.length === 0) return null;
  return (
    <details className="restore-skipped">
      <summary>{t('restore.skipped', { count: skipped.length })}</summary>
      <ul aria-label={t('restore.skippedLabel')}>
        {skipped.map((s) => (
          <li key={s.name}>
            <Trans t={t} i18nKey="restore.skippedItem" values={{ name: s.name, reason: skippedReasonText(s.reason) }} components={{ name: <span className="label-text" /> }} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export interface PlainQuestionProps {
  /** Main's words on why this backup cannot be verified. */
  text: string;
  /** Where it came from: a file chosen from disk, else a store others may write to. */
  fromFile?: boolean;
  keepRef: Ref<HTMLButtonElement>;
  onImport(): void;
  onKeep(): void;
}

/** Asked before a plain (or unverifiable) archive is sent again with allowPlain: what importing it means. */
export function PlainQuestion({ text, fromFile = false, keepRef, onImport, onKeep }: PlainQuestionProps) {
  const { t } = useTranslation('backup');
  return (
    <div className="notice-box tone-warn" role="alert">
      <p className="panel-title">{t('restore.plainTitle')}</p>
      <p>{text}</p>
      <p>
        <Trans t={t} i18nKey={fromFile ? 'restore.plainWarnFile' : 'restore.plainWarnStore'} components={{ strong: <strong /> }} />
      </p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onImport}>
          {t('restore.plainImport')}
        </button>
        {/* Its safe answer takes the focus as it appears (it may be below the fold of a small window). */}
        <button ref={keepRef} type="button" className="button" onClick={onKeep} autoFocus>
          {t('restore.plainKeep')}
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
  const { t } = useTranslation('backup');
  if (!backup || backup.versions.length <= 1) return null;
  return (
    <SelectField
      label={t('restore.version')}
      name="version"
      value={versionId}
      disabled={disabled}
      options={backup.versions.map((v, i) => ({ value: v.id, text: t(i === 0 ? 'restore.versionOptionNewest' : 'restore.versionOption', { when: when.format(v.createdAt), size: sizeText(v.size), encryption: encryptionText(v.encrypted) }) }))}
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
  const { t } = useTranslation('backup');
  return (
    <div className="notice-box tone-warn" role="alert">
      <p className="panel-title">{t('restore.replaceTitle', { name })}</p>
      <p>{text}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onReplace}>
          {t('restore.replace')}
        </button>
        <button ref={keepRef} type="button" className="button" onClick={onKeep}>
          {t('restore.keep')}
        </button>
      </div>
    </div>
  );
}

export function RestoreProgress({ pending, name }: { pending: boolean; name: string }) {
  const { t } = useTranslation('backup');
  return (
    <p className="dialog-progress" role="status">
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {t('restore.progress', { name })}
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
  const { t } = useTranslation('backup');
  return (
    <div className="actions dialog-actions">
      <button type="button" className="button" onClick={() => !pending && onCancel()} aria-disabled={pending || undefined}>
        {t('restore.cancel')}
      </button>
      <button type="button" className="button primary" onClick={onRestore} aria-disabled={pending || blocked || undefined}>
        {name !== null ? t('restore.restoreNamed', { name }) : t('restore.restore')}
      </button>
    </div>
  );
}
