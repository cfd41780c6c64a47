import { useTranslation } from 'react-i18next';
import { AboutFooter } from './components/AboutFooter';
import { AccountsSection } from './components/AccountsSection';
import { AppHeader } from './components/AppHeader';
import { AttentionNotices } from './components/AttentionNotices';
import { BackupSection } from './components/BackupSection';
import { ConnectionBanner } from './components/ConnectionBanner';
import { SettingsScreen } from './components/SettingsScreen';
import { selectScreen, useSettingsStore } from './stores/settingsStore';

export function App() {
  // Subscribes the whole tree to language changes: plain view modules call t() while their component renders.
  useTranslation();
  const screen = useSettingsStore(selectScreen);
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <ConnectionBanner />
        <AttentionNotices />
        {screen === 'settings' ? (
          <SettingsScreen />
        ) : (
          <>
            <AccountsSection />
            <BackupSection />
          </>
        )}
      </main>
      <AboutFooter />
    </div>
  );
}
