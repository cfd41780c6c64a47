// A modal confirmation that names what it acts on. Cancel is focused first (the safe choice); Escape
// and Cancel close it and focus returns to whoever opened it. While the command runs (removing or
// logging out can take seconds) the dialog stays open, says what is happening, and cannot be dismissed.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModal } from './useModal';
import type { Result } from '../../preload/contract';
import { errorText } from './errors';
import { FieldError } from './fieldParts';

/** Where the error sits (a layout choice, not text: kept out of the JSX the literal-string rule reads). */
const IN_DIALOG = 'dialog';

export interface ConfirmDialogProps {
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  /** Shown with a progress indicator while `onConfirm` runs, e.g. "Logging out on the phone…". */
  pendingText: string;
  onConfirm(): Promise<Result<unknown>>;
  /** `done` tells the opener whether the command succeeded. */
  onClose(done: boolean): void;
}

export function ConfirmDialog({ title, children, confirmLabel, pendingText, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation('accounts');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const modal = useModal(pending, () => onClose(false));

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  async function confirm() {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await onConfirm();
    setPending(false);
    if (result.ok) onClose(true);
    else setError(errorText(result.error));
  }

  return (
    <dialog
      ref={modal.ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      aria-busy={pending || undefined}
      onCancel={modal.onCancel}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <p className="dialog-progress" role="status">
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {pendingText}
          </>
        ) : null}
      </p>
      <FieldError place={IN_DIALOG} message={error} />
      <div className="actions dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={() => !pending && onClose(false)} aria-disabled={pending || undefined}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="button danger" onClick={confirm} aria-disabled={pending || undefined}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
