// What every labelled field shares (TextField, SelectField, CheckboxField): a help line, an error, and
// the ids that tie both to the control (aria-describedby), so a screen reader reads them with it.
import { useId } from 'react';

export interface FieldErrorProps {
  message: string | null | undefined;
  id?: string;
  /** 'dialog' for a dialog's own error, above its buttons. */
  place?: 'field' | 'dialog';
}

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
