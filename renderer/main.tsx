// Entry point. In Electron the preload has already put window.api in place; in a browser the web
// bridge provides it (and may fail to connect: the app then renders with a banner saying so).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import { useAppStore } from './stores/appStore';
import { bindStores, loadStores } from './stores/bindings';
import './styles.css';

async function start(): Promise<void> {
  if (!window.api) {
    // Pasting the full address (…#token=…) into a tab opened without it only changes the fragment, which
    // does not reload the page: reload so the bridge starts again with the token.
    window.addEventListener('hashchange', () => {
      if (/(^#|&)token=/.test(window.location.hash)) window.location.reload();
    });
    try {
      const { installWebApi } = await import('../preload/web');
      await installWebApi();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      useAppStore.getState().connectionFailed({ code: 'HOST_UNREACHABLE', message });
    }
  }
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  if (window.api) {
    bindStores();
    await loadStores();
  }
}

void start();
