import { AboutFooter } from './components/AboutFooter';
import { AccountsSection } from './components/AccountsSection';
import { ApiSection } from './components/ApiSection';
import { AppHeader } from './components/AppHeader';
import { AttentionNotices } from './components/AttentionNotices';
import { BackupSection } from './components/BackupSection';
import { ConnectionBanner } from './components/ConnectionBanner';
import { useTranslation } from 'react-i18next';

export function App() {
  // Subscribes the whole tree to language changes: plain view modules call t() while their component renders.
  useTranslation();
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <ConnectionBanner />
        <AttentionNotices />
        <AccountsSection />
        <BackupSection />
        <ApiSection />
      </main>
      <AboutFooter />
    </div>
  );
}
