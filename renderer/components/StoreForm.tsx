// Add or edit a backup store: the kind, its labelled fields, the secret (a password field that says
// "stored" when one is kept: it never comes back), Test connection, Save. Main's INVALID_INPUT names the
// wrong field and its message appears next to it; a failed test says what is wrong under the buttons.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { StoreKind, StoreView } from '../../preload/contract';
import { useBackupStore } from '../stores/backupStore';
import { kindName, secretName, STORE_KINDS } from './backupView';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { StoreFields } from './StoreFields';
import { buildSettings, emptyValues, splitError, valuesOf, withKind, type FieldErrors, type FieldName, type StoreFormValues } from './storeDraft';
import { TextField } from './TextField';

export interface StoreFormProps {
  /** The store to edit; none adds a new one. */
  store?: StoreView;
  onDone(saved: StoreView | null): void;
}

type TestState = { state: 'idle' } | { state: 'running' } | { state: 'ok'; latencyMs: number } | { state: 'failed'; message: string };

/** The form's values, their errors (beside the field main named, else for the whole form), Test and Save. */
function useStoreForm(store: StoreView | undefined, onDone: (saved: StoreView | null) => void) {
  const saveStore = useBackupStore((s) => s.saveStore);
  const testStore = useBackupStore((s) => s.testStore);
  const [values, setValues] = useState<StoreFormValues>(() => (store ? valuesOf(store) : emptyValues()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const testRun = useRef(0);

  function change<K extends FieldName>(name: K, value: StoreFormValues[K]) {
    setValues((v) => (name === 'kind' ? withKind(v, value as StoreKind) : { ...v, [name]: value }));
    if (errors[name]) setErrors((e) => ({ ...e, [name]: undefined }));
    setFormError(null);
    // A result is about the settings it tested: editing makes it stale.
    if (test.state !== 'running') setTest({ state: 'idle' });
  }

  async function runTest() {
    if (test.state === 'running') return;
    const built = buildSettings(values);
    if (!built.ok) return setErrors(built.errors);
    const run = ++testRun.current;
    setTest({ state: 'running' });
    // A secret left empty on an existing store: main tests with the stored one.
    const result = await testStore({ ...(store ? { id: store.id } : {}), settings: built.settings, ...(values.secret ? { secret: values.secret } : {}) });
    if (run !== testRun.current) return;
    if (result.ok) return setTest({ state: 'ok', latencyMs: Math.round(result.value.latencyMs) });
    const split = splitError(result.error);
    setErrors((e) => ({ ...e, ...split.fields }));
    setTest({ state: 'failed', message: split.form ?? 'Fix the field marked above, then test again.' });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const built = buildSettings(values);
    if (!built.ok) return setErrors(built.errors);
    setSaving(true);
    const result = await saveStore({ ...(store ? { id: store.id } : {}), name: values.name, settings: built.settings, ...(values.secret ? { secret: values.secret } : {}) });
    setSaving(false);
    if (result.ok) return onDone(result.value);
    const split = splitError(result.error);
    setErrors(split.fields);
    setFormError(split.form);
  }

  return { values, errors, formError, saving, test, change, runTest, submit };
}

export function StoreForm({ store, onDone }: StoreFormProps) {
  const { values, errors, formError, saving, test, change, runTest, submit } = useStoreForm(store, onDone);
  const titleId = useId();
  const kept = !!store?.hasSecret;
  const secretLabel = secretName(values.kind);
  return (
    <form className="store-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h4 id={titleId} className="form-title">
        {store ? (
          <>
            Edit “<span className="label-text">{store.name}</span>”
          </>
        ) : (
          'Add a store'
        )}
      </h4>
      <div className="form-grid">
        <TextField label="Name" name="name" value={values.name} onChange={(v) => change('name', v)} error={errors.name} placeholder="e.g. Office S3" autoFocus />
        {store ? (
          <div className="field">
            <span className="field-label">Kind</span>
            <span className="field-static">{kindName(values.kind)}</span>
          </div>
        ) : (
          <SelectField label="Kind" name="kind" value={values.kind} options={STORE_KINDS.map((k) => ({ value: k.kind, text: k.name }))} onChange={(v) => change('kind', v as StoreKind)} />
        )}
      </div>
      <StoreFields values={values} errors={errors} onChange={change} />
      {secretLabel ? (
        <TextField
          label={secretLabel}
          name="secret"
          type="password"
          className="field-secret"
          value={values.secret}
          onChange={(v) => change('secret', v)}
          error={errors.secret}
          placeholder={kept ? 'Stored' : undefined}
          help={kept ? 'Stored in this computer’s keychain. Leave empty to keep it, or type a new one to replace it.' : 'Kept in this computer’s keychain; it is never shown again.'}
        />
      ) : null}
      <FieldError message={formError} />
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : store ? 'Save changes' : 'Save store'}
        </button>
        <button type="button" className="button" onClick={runTest} aria-disabled={test.state === 'running' || undefined}>
          Test connection
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <TestResult test={test} />
    </form>
  );
}

function TestResult({ test }: { test: TestState }) {
  return (
    <div className="test-result" role="status" aria-live="polite">
      {test.state === 'running' ? (
        <p className="panel-line">
          <span className="spinner" aria-hidden="true" />
          Testing the connection… (up to 10 s)
        </p>
      ) : null}
      {test.state === 'ok' ? <p className="result-ok">Connected in {test.latencyMs} ms</p> : null}
      {test.state === 'failed' ? <p className="field-error">Connection failed: {test.message}</p> : null}
    </div>
  );
}
