// A labelled select and a labelled checkbox, with help and an error tied to them like TextField's.
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, FieldHelp, LabelledField, useFieldIds } from './fieldParts';

export interface SelectFieldProps {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; text: string }>;
  onChange(value: string): void;
  error?: string | null;
  help?: string;
  /** Shown (and chosen) while `value` matches no option, e.g. "Choose a store". */
  placeholder?: string;
  disabled?: boolean;
  name?: string;
  className?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField({ label, value, options, onChange, error, help, placeholder, disabled, name, className, selectRef }: SelectFieldProps) {
  const { t } = useTranslation('accounts');
  const known = options.some((o) => o.value === value);
  return (
    <LabelledField label={label} help={help} error={error} className={className}>
      {(control) => (
        <select {...control} ref={selectRef} name={name} className="field-input field-select" value={known ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {!known ? (
            <option value="" disabled>
              {placeholder ?? t('fields.choose')}
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

export interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  help?: string;
  error?: string | null;
  /** Shown as busy (a command runs): changes are ignored meanwhile, focus stays. */
  busy?: boolean;
  /** Rendered as an on/off switch (role="switch"): the change takes effect at once. */
  asSwitch?: boolean;
  name?: string;
}

export function CheckboxField({ label, checked, onChange, help, error, busy, asSwitch, name }: CheckboxFieldProps) {
  const { id, helpId, errorId, describedBy } = useFieldIds(help, error);
  return (
    <div className="check-field">
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          role={asSwitch ? 'switch' : undefined}
          name={name}
          className={asSwitch ? 'switch' : 'checkbox'}
          checked={checked}
          aria-busy={busy || undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            if (!busy) onChange(e.target.checked);
          }}
        />
        <label htmlFor={id} className="check-label">
          {label}
        </label>
      </div>
      <FieldHelp id={helpId} text={help} className="check-help" />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
