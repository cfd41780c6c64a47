// The Settings screen: language and notifications, the desktop app's behaviour, the browser, the default
// backup interval, the data folder and the local API. Every change is saved at once and reaches every
// window (settings.changed).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsPanel } from './SettingsPanel';
import { selectInfo, useAppStore } from '../stores/appStore';
import { selectSettings, useSettingsStore } from '../stores/settingsStore';
import { ApiSection } from './ApiSection';
import { BrowserSettings } from './BrowserSettings';
import { DesktopSettings, GeneralSettings } from './GeneralSettings';
import { TextField } from './TextField';
import { useCommand } from './useCommand';
import { useSettingChange } from './useSettingChange';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const settings = useSettingsStore(selectSettings);
  const loadError = useSettingsStore((s) => s.loadError);
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving to another screen moves focus to its heading, so a screen reader says where it is.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" className="section-title" tabIndex={-1} ref={heading}>
        {t('title')}
      </h2>
      {!settings ? (
        <p className="muted" role="status">
          {loadError ? t('loadFailed') : t('loading')}
        </p>
      ) : (
        <>
          <div className="settings-grid">
            <GeneralSettings />
            <DesktopSettings />
            <BrowserSettings />
            <BackupDefaults />
            <DataFolder />
          </div>
          <ApiSection />
        </>
      )}
    </section>
  );
}

function BackupDefaults() {
  const { t } = useTranslation(['settings', 'common']);
  const interval = useSettingChange('backupIntervalMin');
  const [text, setText] = useState(String(interval.value));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => setText(String(interval.value)), [interval.value]);
  const save = async () => {
    setDone(false);
    const minutes = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || minutes < 1 || minutes > 1440) return setProblem(t('backup.intervalInvalid'));
    setProblem(null);
    const result = await interval.change(minutes);
    if (result?.ok) setDone(true);
  };
  return (
    <SettingsPanel id="settings-backup" title={t('backup.title')}>
      <form
        aria-labelledby="settings-backup"
        onSubmit={(e) => {
          e.preventDefault();
          if (!interval.pending) void save();
        }}
      >
        <TextField label={t('backup.interval')} help={t('backup.intervalHelp')} name="backupIntervalMin" inputMode="numeric" className="field-narrow" value={text} error={problem ?? interval.error} onChange={(v) => (setText(v), setProblem(null), setDone(false))} />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={interval.pending || undefined}>
            {interval.pending ? t('common:saving') : t('backup.save')}
          </button>
          {done ? (
            <span role="status" className="result-ok">
              {t('saved')}
            </span>
          ) : null}
        </div>
      </form>
    </SettingsPanel>
  );
}

function DataFolder() {
  const { t } = useTranslation('settings');
  const info = useAppStore(selectInfo);
  const open = useCommand();
  if (!info) return null;
  return (
    <SettingsPanel id="settings-data" title={t('data.title')}>
      <p className="muted">{t('data.intro')}</p>
      <p>
        <code className="data-folder" data-testid="data-folder">
          {info.dataDir}
        </code>
      </p>
      {info.host === 'electron' ? (
        <div className="actions">
          <button type="button" className="button" aria-disabled={open.pending || undefined} onClick={() => void open.run(useSettingsStore.getState().openDataFolder)}>
            {open.pending ? t('data.opening') : t('data.open')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('data.browserMode')}</p>
      )}
      {open.error ? (
        <p className="field-error" role="alert">
          {open.error}
        </p>
      ) : null}
    </SettingsPanel>
  );
}
