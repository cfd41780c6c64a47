// A labelled text input with its error right beside it. The error is tied to the input through
// aria-describedby and aria-invalid, so a screen reader reads it when the field gets focus.
import { useId, type KeyboardEventHandler, type Ref } from 'react';

export interface TextFieldProps {
  label: string;
  /** Keep the label for assistive technology only (inline edits, where the context is visible). */
  hideLabel?: boolean;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  onKeyDown?: KeyboardEventHandler<HTMLInputElement>;
  autoFocus?: boolean;
  placeholder?: string;
  name?: string;
  /** 'tel' for phone numbers (a phone keypad on touch screens). */
  type?: 'text' | 'tel';
  /** A line under the label that says what to type; read with the field. */
  help?: string;
}

export function TextField({ label, hideLabel, value, onChange, error, inputRef, onKeyDown, autoFocus, placeholder, name, type = 'text', help }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label label-text'}>
        {label}
      </label>
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
      <input
        id={id}
        ref={inputRef}
        name={name}
        type={type}
        className="field-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
