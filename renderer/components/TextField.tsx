// A labelled text input with its error right beside it. The error is tied to the input through
// aria-describedby and aria-invalid, so a screen reader reads it when the field gets focus.
import type { FocusEventHandler, KeyboardEventHandler, Ref } from 'react';
import { LabelledField } from './fieldParts';

export interface TextFieldProps {
  label: string;
  /** Keep the label for assistive technology only (inline edits, where the context is visible). */
  hideLabel?: boolean;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  onKeyDown?: KeyboardEventHandler<HTMLInputElement>;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  autoFocus?: boolean;
  placeholder?: string;
  name?: string;
  /** 'tel' for phone numbers (a phone keypad on touch screens); 'password' for secrets (never autofilled). */
  type?: 'text' | 'tel' | 'password';
  /** 'numeric' for ports and minutes: a number keypad, while the value stays text the form checks. */
  inputMode?: 'numeric';
  /** Extra class on the field's wrapper (e.g. a narrow field). */
  className?: string;
  /** A line under the label that says what to type; read with the field. */
  help?: string;
}

export function TextField({ label, hideLabel, value, onChange, error, inputRef, onKeyDown, onBlur, autoFocus, placeholder, name, type = 'text', inputMode, className, help }: TextFieldProps) {
  return (
    <LabelledField label={label} hideLabel={hideLabel} help={help} error={error} className={className}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          name={name}
          type={type}
          className="field-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          autoFocus={autoFocus}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          inputMode={inputMode}
          spellCheck={false}
          placeholder={placeholder}
        />
      )}
    </LabelledField>
  );
}
