import { selectInfo, useAppStore } from '../stores/appStore';

export function AboutFooter() {
  const info = useAppStore(selectInfo);
  if (!info) return null;
  const { versions } = info;
  return (
    <footer className="app-footer">
      <div className="app-footer-inner">
        <p>
          {info.name} · version {info.version} · {info.host === 'web' ? 'browser mode' : 'desktop app'}
        </p>
        <p>
          Data folder: <code className="path">{info.dataDir}</code>
        </p>
        <details>
          <summary>Versions</summary>
          <dl className="versions">
            <dt>whatsapp-web.js</dt>
            <dd>{versions.whatsappWebJs}</dd>
            <dt>Node.js</dt>
            <dd>{versions.node}</dd>
            {versions.electron ? (
              <>
                <dt>Electron</dt>
                <dd>{versions.electron}</dd>
              </>
            ) : null}
            {versions.chrome ? (
              <>
                <dt>Chromium</dt>
                <dd>{versions.chrome}</dd>
              </>
            ) : null}
          </dl>
        </details>
      </div>
    </footer>
  );
}
