// The fields of one kind of store (the secret is the form's own: every kind but folder has one).
import { CheckboxField } from './ChoiceFields';
import { pathStyleChecked, type FieldErrors, type FieldName, type StoreFormValues } from './storeDraft';
import { TextField } from './TextField';

export interface StoreFieldsProps {
  values: StoreFormValues;
  errors: FieldErrors;
  onChange<K extends FieldName>(name: K, value: StoreFormValues[K]): void;
}

export function StoreFields({ values: v, errors, onChange }: StoreFieldsProps) {
  const text = (name: FieldName, label: string, extra: { help?: string; placeholder?: string; narrow?: boolean } = {}) => (
    <TextField
      label={label}
      name={name}
      value={String(v[name] ?? '')}
      onChange={(value) => onChange(name, value)}
      error={errors[name]}
      help={extra.help}
      placeholder={extra.placeholder}
      inputMode={name === 'port' ? 'numeric' : undefined}
      className={extra.narrow ? 'field-narrow' : undefined}
    />
  );

  const insecureBox = (
    <CheckboxField
      label="Allow an unencrypted connection (only for a local or test server)"
      name="insecure"
      checked={v.insecure}
      onChange={(checked) => onChange('insecure', checked)}
      help="A server on another computer is reached over TLS with its certificate checked. Tick this only for a server without TLS, on a network you trust."
    />
  );

  switch (v.kind) {
    case 'folder':
      return text('path', 'Folder', { help: 'The full path of a local or network folder, e.g. /mnt/backups or D:\\Backups.' });
    case 's3':
      return (
        <>
          {text('endpoint', 'Endpoint (optional)', { help: 'Leave empty for Amazon S3. For MinIO, Cloudflare R2, Backblaze B2 and others: the service’s URL.', placeholder: 'https://s3.example.com' })}
          <div className="form-grid">
            {text('region', 'Region')}
            {text('bucket', 'Bucket')}
          </div>
          {text('prefix', 'Folder in the bucket (optional)', { placeholder: 'e.g. wa-backups/' })}
          <CheckboxField
            label="Path-style addressing"
            name="forcePathStyle"
            checked={pathStyleChecked(v)}
            onChange={(checked) => onChange('forcePathStyle', checked)}
            help="Needed by most self-hosted servers (MinIO, s3rver). On when an endpoint is given, unless you untick it."
          />
          {text('accessKeyId', 'Access key id')}
          {insecureBox}
        </>
      );
    case 'postgres':
    case 'mongo':
      return (
        <>
          <div className="form-grid form-grid-host">
            {text('host', 'Host', { placeholder: 'db.example.com' })}
            {text('port', 'Port', { narrow: true })}
          </div>
          <div className="form-grid">
            {text('database', 'Database')}
            {text('user', v.kind === 'mongo' ? 'User (optional)' : 'User')}
          </div>
          {v.kind === 'postgres' ? (
            <CheckboxField label="Require SSL" name="ssl" checked={v.ssl} onChange={(checked) => onChange('ssl', checked)} />
          ) : (
            text('authSource', 'Authentication database (optional)', { help: 'Where the user is defined, if not in the database above (often “admin”).' })
          )}
          {insecureBox}
        </>
      );
  }
}
