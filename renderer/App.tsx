import { AboutFooter } from './components/AboutFooter';
import { AccountsSection } from './components/AccountsSection';
import { ApiSection } from './components/ApiSection';
import { AppHeader } from './components/AppHeader';
import { AttentionNotices } from './components/AttentionNotices';
import { BackupSection } from './components/BackupSection';
import { ConnectionBanner } from './components/ConnectionBanner';

export function App() {
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
