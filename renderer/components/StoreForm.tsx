// Add or edit a backup store: the kind, its labelled fields, the secret (a password field that says
// "stored" when one is kept: it never comes back), Test connection, Save. Main's INVALID_INPUT names the
// wrong field and its message appears next to it; a failed test says what is wrong under the buttons.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('backup');
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
    setTest({ state: 'failed', message: split.form ?? t('storeForm.testFixField') });
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
  const { t } = useTranslation('backup');
  const { values, errors, formError, saving, test, change, runTest, submit } = useStoreForm(store, onDone);
  const titleId = useId();
  const kept = !!store?.hasSecret;
  const secretLabel = secretName(values.kind);
  // Outside the JSX: a field's name is markup, not words.
  const setName = (v: string) => change('name', v);
  const setKind = (v: string) => change('kind', v as StoreKind);
  const setSecret = (v: string) => change('secret', v);
  return (
    <form className="store-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h4 id={titleId} className="form-title">
        {store ? <Trans t={t} i18nKey="storeForm.editTitle" values={{ name: store.name }} components={{ name: <span className="label-text" /> }} /> : t('storeForm.addTitle')}
      </h4>
      <div className="form-grid">
        <TextField label={t('storeForm.name')} name="name" value={values.name} onChange={setName} error={errors.name} placeholder={t('storeForm.namePlaceholder')} autoFocus />
        {store ? (
          <div className="field">
            <span className="field-label">{t('storeForm.kind')}</span>
            <span className="field-static">{kindName(values.kind)}</span>
          </div>
        ) : (
          <SelectField label={t('storeForm.kind')} name="kind" value={values.kind} options={STORE_KINDS.map((k) => ({ value: k.kind, text: k.name }))} onChange={setKind} />
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
          onChange={setSecret}
          error={errors.secret}
          placeholder={kept ? t('storeForm.secretStored') : undefined}
          help={kept ? t('storeForm.secretKeptHelp') : t('storeForm.secretNewHelp')}
        />
      ) : null}
      <FieldError message={formError} />
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={saving || undefined}>
          {saving ? t('storeForm.saving') : store ? t('storeForm.saveChanges') : t('storeForm.saveStore')}
        </button>
        <button type="button" className="button" onClick={runTest} aria-disabled={test.state === 'running' || undefined}>
          {t('storeForm.test')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('storeForm.cancel')}
        </button>
      </div>
      <TestResult test={test} />
    </form>
  );
}

function TestResult({ test }: { test: TestState }) {
  const { t } = useTranslation('backup');
  return (
    <div className="test-result" role="status" aria-live="polite">
      {test.state === 'running' ? (
        <p className="panel-line">
          <span className="spinner" aria-hidden="true" />
          {t('storeForm.testing')}
        </p>
      ) : null}
      {test.state === 'ok' ? <p className="result-ok">{t('storeForm.testOk', { ms: test.latencyMs })}</p> : null}
      {test.state === 'failed' ? <p className="field-error">{t('storeForm.testFailed', { message: test.message })}</p> : null}
    </div>
  );
}
