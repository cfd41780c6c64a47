// What every labelled field shares (TextField, SelectField, CheckboxField): a help line, an error, and
// the ids that tie both to the control (aria-describedby), so a screen reader reads them with it; and
// the frame (label, help, control, error) of the fields laid out that way.
import { useId, type ReactNode } from 'react';

export interface FieldErrorProps {
  message: string | null | undefined;
  id?: string;
  /** 'dialog' for a dialog's own error, above its buttons. */
  place?: 'field' | 'dialog';
}

/**
 * For <Trans components={HIDDEN}>: a catalog's `<hidden>…</hidden>` is read by assistive technology only,
 * e.g. "Rename<hidden> {{label}}</hidden>" names which account a short button acts on.
 */
export const HIDDEN = { hidden: <span className="visually-hidden" /> };

/** A failure read out at once (role="alert"); nothing is rendered while there is no message. */
export function FieldError({ message, id, place = 'field' }: FieldErrorProps) {
  if (!message) return null;
  return (
    <p id={id} className={place === 'dialog' ? 'dialog-error' : 'field-error'} role="alert">
      {message}
    </p>
  );
}

export function FieldHelp({ id, text, className }: { id: string; text: string | undefined; className?: string }) {
  if (!text) return null;
  return (
    <p id={id} className={className ? `field-help ${className}` : 'field-help'}>
      {text}
    </p>
  );
}

/** The control's id, its help's and error's, and the aria-describedby naming those that are shown. */
export function useFieldIds(help: string | undefined, error: string | null | undefined) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, helpId, errorId, describedBy };
}

/** What the control inside a LabelledField spreads onto itself: its id and what describes it. */
export interface ControlAttributes {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface LabelledFieldProps {
  label: string;
  /** Keep the label for assistive technology only. */
  hideLabel?: boolean;
  help?: string;
  error?: string | null;
  /** Extra class on the field's wrapper (e.g. a narrow field). */
  className?: string;
  children(control: ControlAttributes): ReactNode;
}

/** Label, help line, the control, its error: the frame of TextField and SelectField. */
export function LabelledField({ label, hideLabel, help, error, className, children }: LabelledFieldProps) {
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label label-text'}>
        {label}
      </label>
      <FieldHelp id={helpId} text={help} />
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
