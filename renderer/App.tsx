import { AboutFooter } from './components/AboutFooter';
import { AccountsSection } from './components/AccountsSection';
import { AppHeader } from './components/AppHeader';
import { ConnectionBanner } from './components/ConnectionBanner';

export function App() {
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <ConnectionBanner />
        <AccountsSection />
      </main>
      <AboutFooter />
    </div>
  );
}
