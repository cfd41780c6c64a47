// Settings: the language, desktop notifications, and what the desktop app does at login and on close.
import { useTranslation } from 'react-i18next';
import { SettingsPanel } from './SettingsPanel';
import { LanguageSetting, resolveLanguage, type CloseBehaviour } from '../../preload/settings';
import { browserLanguages } from '../i18n';
import { selectInfo, useAppStore } from '../stores/appStore';
import { CheckboxField, SelectField } from './ChoiceFields';
import { useSettingChange } from './useSettingChange';

export function GeneralSettings() {
  const { t } = useTranslation('settings');
  const language = useSettingChange('language');
  const notifications = useSettingChange('notifications');
  const systemLanguage = resolveLanguage('system', browserLanguages());
  const options = LanguageSetting.options.map((value) => ({
    value,
    text: value === 'system' ? t('general.system', { language: t(`languages.${systemLanguage}`) }) : t(`languages.${value}`),
  }));
  return (
    <SettingsPanel id="settings-general" title={t('general.title')}>
      <SelectField
        label={t('general.language')}
        help={t('general.languageHelp')}
        name="language"
        value={language.value}
        options={options}
        error={language.error}
        disabled={language.pending}
        onChange={(v) => void language.change(LanguageSetting.parse(v))}
      />
      <CheckboxField label={t('general.notifications')} help={t('general.notificationsHelp')} asSwitch name="notifications" checked={notifications.value} busy={notifications.pending} error={notifications.error} onChange={(v) => void notifications.change(v)} />
    </SettingsPanel>
  );
}

export function DesktopSettings() {
  const { t } = useTranslation('settings');
  const browserMode = useAppStore(selectInfo)?.host === 'web';
  const startAtLogin = useSettingChange('startAtLogin');
  const startHidden = useSettingChange('startHidden');
  const close = useSettingChange('closeBehaviour');
  const choices: Array<{ value: CloseBehaviour; text: string }> = [
    { value: 'keep-running', text: t('desktop.keepRunning') },
    { value: 'quit', text: t('desktop.quit') },
  ];
  return (
    <SettingsPanel id="settings-desktop" title={t('desktop.title')}>
      {browserMode ? <p className="muted">{t('desktop.browserMode')}</p> : null}
      <CheckboxField label={t('desktop.startAtLogin')} name="startAtLogin" checked={startAtLogin.value} busy={startAtLogin.pending} error={startAtLogin.error} onChange={(v) => void startAtLogin.change(v)} />
      {startAtLogin.value ? (
        <CheckboxField label={t('desktop.startHidden')} help={t('desktop.startHiddenHelp')} name="startHidden" checked={startHidden.value} busy={startHidden.pending} error={startHidden.error} onChange={(v) => void startHidden.change(v)} />
      ) : null}
      <fieldset className="choice-group" aria-busy={close.pending || undefined}>
        <legend className="label-text">{t('desktop.close')}</legend>
        {choices.map((c) => (
          <label key={c.value} className="choice-row">
            <input type="radio" name="closeBehaviour" value={c.value} checked={close.value === c.value} onChange={() => !close.pending && void close.change(c.value)} />
            <span>{c.text}</span>
          </label>
        ))}
      </fieldset>
      {close.error ? (
        <p className="field-error" role="alert">
          {close.error}
        </p>
      ) : null}
    </SettingsPanel>
  );
}
