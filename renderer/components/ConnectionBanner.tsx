// Says plainly when the renderer cannot reach main, and what to do about it.
import { selectConnection, useAppStore, type ConnectionProblem } from '../stores/appStore';

const EXPLAIN: Record<ConnectionProblem, { title: string; fix: string }> = {
  'never-connected': {
    title: 'Cannot connect to the WA Accounts background service.',
    fix: 'Check that the app is running (npm run web or npm start in a terminal), then open the address it printed — it ends in #token=… — and reload this page.',
  },
  unauthorized: {
    title: 'This page was opened without its access token.',
    fix: 'Open the full address the app printed in the terminal (it ends in #token=…).',
  },
  restarted: {
    title: 'WA Accounts was restarted, and this page’s address no longer works.',
    fix: 'Each start gives the app a new address, so an old tab cannot act for it. Open the address the app printed last in the terminal (it ends in #token=…).',
  },
  lost: {
    title: 'Lost the connection to the WA Accounts background service.',
    fix: 'Changes cannot be saved until it is back; this page keeps trying. Check that the app is still running. If it was restarted, open the new address it printed.',
  },
};

export function ConnectionBanner() {
  const connection = useAppStore(selectConnection);
  if (connection.state !== 'failed') return null;
  const { title, fix } = EXPLAIN[connection.problem];
  return (
    <div className="banner" role="alert">
      <div className="banner-text">
        <p className="banner-title">{title}</p>
        <p>{fix}</p>
      </div>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
