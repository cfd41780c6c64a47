// The fields of one kind of store (the secret is the form's own: every kind but folder has one).
import { useTranslation } from 'react-i18next';
import { CheckboxField } from './ChoiceFields';
import { pathStyleChecked, type FieldErrors, type FieldName, type StoreFormValues } from './storeDraft';
import { TextField } from './TextField';

export interface StoreFieldsProps {
  values: StoreFormValues;
  errors: FieldErrors;
  onChange<K extends FieldName>(name: K, value: StoreFormValues[K]): void;
}

type BoolField = 'forcePathStyle' | 'ssl' | 'insecure';
type TextName = Exclude<FieldName, BoolField | 'kind'>;

/** One text field of the form, named by its field (a prop, so the name is markup rather than words). */
function StoreText({ values, errors, onChange, name, label, help, placeholder, narrow }: StoreFieldsProps & { name: TextName; label: string; help?: string; placeholder?: string; narrow?: boolean }) {
  return (
    <TextField
      label={label}
      name={name}
      value={String(values[name] ?? '')}
      onChange={(value) => onChange(name, value)}
      error={errors[name]}
      help={help}
      placeholder={placeholder}
      inputMode={name === 'port' ? 'numeric' : undefined}
      className={narrow ? 'field-narrow' : undefined}
    />
  );
}

function StoreCheck({ values, onChange, name, label, help }: StoreFieldsProps & { name: BoolField; label: string; help?: string }) {
  const checked = name === 'forcePathStyle' ? pathStyleChecked(values) : values[name];
  return <CheckboxField label={label} name={name} checked={checked} onChange={(next) => onChange(name, next)} help={help} />;
}

export function StoreFields(form: StoreFieldsProps) {
  const { t } = useTranslation('backup');
  const v = form.values;
  const insecureBox = <StoreCheck {...form} name="insecure" label={t('storeFields.insecure')} help={t('storeFields.insecureHelp')} />;

  switch (v.kind) {
    case 'folder':
      return <StoreText {...form} name="path" label={t('storeFields.folder')} help={t('storeFields.folderHelp')} />;
    case 's3':
      return (
        <>
          <StoreText {...form} name="endpoint" label={t('storeFields.endpoint')} help={t('storeFields.endpointHelp')} placeholder={t('storeFields.endpointPlaceholder')} />
          <div className="form-grid">
            <StoreText {...form} name="region" label={t('storeFields.region')} />
            <StoreText {...form} name="bucket" label={t('storeFields.bucket')} />
          </div>
          <StoreText {...form} name="prefix" label={t('storeFields.prefix')} placeholder={t('storeFields.prefixPlaceholder')} />
          <StoreCheck {...form} name="forcePathStyle" label={t('storeFields.pathStyle')} help={t('storeFields.pathStyleHelp')} />
          <StoreText {...form} name="accessKeyId" label={t('storeFields.accessKeyId')} />
          {insecureBox}
        </>
      );
    case 'postgres':
    case 'mongo':
      return (
        <>
          <div className="form-grid form-grid-host">
            <StoreText {...form} name="host" label={t('storeFields.host')} placeholder={t('storeFields.hostPlaceholder')} />
            <StoreText {...form} name="port" label={t('storeFields.port')} narrow />
          </div>
          <div className="form-grid">
            <StoreText {...form} name="database" label={t('storeFields.database')} />
            <StoreText {...form} name="user" label={v.kind === 'mongo' ? t('storeFields.userOptional') : t('storeFields.user')} />
          </div>
          {v.kind === 'postgres' ? (
            <StoreCheck {...form} name="ssl" label={t('storeFields.ssl')} />
          ) : (
            <StoreText {...form} name="authSource" label={t('storeFields.authSource')} help={t('storeFields.authSourceHelp')} />
          )}
          {insecureBox}
        </>
      );
  }
}
