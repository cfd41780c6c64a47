// Accounts | Settings: which screen the window shows. Buttons (not links: nothing to open in a new tab),
// the current one marked aria-current so assistive technology says which screen is shown.
import { useTranslation } from 'react-i18next';
import { selectScreen, useSettingsStore, type Screen } from '../stores/settingsStore';

export function ScreenNav() {
  const { t } = useTranslation('settings');
  const screen = useSettingsStore(selectScreen);
  const show = useSettingsStore((s) => s.show);
  const items: Array<{ target: Screen; text: string }> = [
    { target: 'accounts', text: t('nav.accounts') },
    { target: 'settings', text: t('nav.settings') },
  ];
  return (
    <nav className="screens" aria-label={t('nav.label')}>
      {items.map(({ target, text }) => (
        <button key={target} type="button" className="screen-tab" aria-current={screen === target ? 'page' : undefined} onClick={() => show(target)}>
          {text}
        </button>
      ))}
    </nav>
  );
}
