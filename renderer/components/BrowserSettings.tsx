// Settings: which browser accounts start in. Every browser found is listed; another program can be typed
// and checked (main starts it once and answers its version). Saving checks it again, so accounts never
// fail later for a path that was saved but does not start.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsPanel } from './SettingsPanel';
import type { BrowserInfo } from '../../preload/settings';
import { selectBrowsers, useSettingsStore } from '../stores/settingsStore';
import { TextField } from './TextField';
import { useCommand } from './useCommand';
import { useSettingChange } from './useSettingChange';

/** 'auto', a detected browser's path, or 'custom' (the typed path). */
type Choice = string;

function initialChoice(saved: string | null, detected: BrowserInfo[]): Choice {
  if (saved === null) return 'auto';
  return detected.some((b) => b.path === saved) ? saved : 'custom';
}

export function BrowserSettings() {
  const { t } = useTranslation('settings');
  const browsers = useSettingsStore(selectBrowsers);
  const loadBrowsers = useSettingsStore((s) => s.loadBrowsers);
  const saved = useSettingsStore((s) => s.settings?.browserPath ?? null);
  const detected = browsers?.detected ?? [];
  const [choice, setChoice] = useState<Choice>(() => initialChoice(saved, detected));
  const [path, setPath] = useState(saved ?? '');
  const [checked, setChecked] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useSettingChange('browserPath');
  const check = useCommand();
  useEffect(() => void loadBrowsers(), [loadBrowsers]);
  // The list arrives after the first render, and another window may save a path.
  useEffect(() => setChoice(initialChoice(saved, detected)), [saved, browsers]);

  const wanted = choice === 'auto' ? null : choice === 'custom' ? path.trim() : choice;
  const choose = (next: Choice) => {
    setChoice(next);
    setChecked(null);
    setDone(false);
  };
  const onCheck = async () => {
    setChecked(null);
    const result = await check.run(() => useSettingsStore.getState().checkBrowser(path.trim()));
    if (result?.ok) setChecked(result.value.version);
  };
  const onSave = async () => {
    setDone(false);
    const result = await save.change(wanted);
    if (result?.ok) setDone(true);
  };
  return (
    <SettingsPanel id="settings-browser" title={t('browser.title')}>
      <p className="muted">{t('browser.intro')}</p>
      <InUse info={browsers?.inUse ?? null} loaded={browsers !== null} />
      <fieldset className="choice-group" disabled={save.pending}>
        <legend className="label-text">{t('browser.choice')}</legend>
        <Choice value="auto" current={choice} onChoose={choose} text={t('browser.auto')} help={t('browser.autoHelp')} />
        {detected.map((b) => (
          <Choice key={b.path} value={b.path} current={choice} onChoose={choose} text={b.headlessShell ? t('browser.headless', { path: b.path }) : b.path} />
        ))}
        {browsers && detected.length === 0 ? <p className="muted">{t('browser.detectedNone')}</p> : null}
        <Choice value="custom" current={choice} onChoose={choose} text={t('browser.custom')} />
      </fieldset>
      {choice === 'custom' ? (
        <div className="settings-path">
          <TextField label={t('browser.path')} help={t('browser.pathHelp')} name="browserPath" value={path} error={check.error} onChange={(v) => (setPath(v), setChecked(null), check.clearError())} />
          <button type="button" className="button" aria-disabled={check.pending || !path.trim() || undefined} onClick={() => !check.pending && path.trim() && void onCheck()}>
            {check.pending ? t('browser.checking') : t('browser.check')}
          </button>
          {checked ? (
            <p role="status" className="result-ok">
              {t('browser.checked', { version: checked })}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-primary" aria-disabled={save.pending || wanted === saved || wanted === '' || undefined} onClick={() => !save.pending && wanted !== saved && wanted !== '' && void onSave()}>
          {save.pending ? t('browser.saving') : t('browser.use')}
        </button>
      </div>
      {save.error ? (
        <p className="field-error" role="alert">
          {save.error}
        </p>
      ) : done ? (
        <p role="status" className="result-ok">
          {t('saved')} {t('browser.restartNote')}
        </p>
      ) : null}
    </SettingsPanel>
  );
}

function InUse({ info, loaded }: { info: BrowserInfo | null; loaded: boolean }) {
  const { t } = useTranslation('settings');
  if (!loaded) return null;
  if (!info) return <p className="result-error">{t('browser.inUseNone')}</p>;
  return (
    <p data-testid="browser-in-use">
      {t('browser.inUse', { path: info.path })} <span className="muted">({t(`browser.source.${info.source}`)})</span>
    </p>
  );
}

function Choice({ value, current, onChoose, text, help }: { value: Choice; current: Choice; onChoose(v: Choice): void; text: string; help?: string }) {
  return (
    <label className="choice-row">
      <input type="radio" name="browserChoice" value={value} checked={current === value} onChange={() => onChoose(value)} />
      <span>
        {text}
        {help ? <span className="choice-help">{help}</span> : null}
      </span>
    </label>
  );
}
