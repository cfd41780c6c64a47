import { Fragment } from 'react';
import { selectInfo, useAppStore } from '../stores/appStore';
import { versionRows } from './aboutView';
import { DiagnosticsButton } from './DiagnosticsButton';

export function AboutFooter() {
  const info = useAppStore(selectInfo);
  if (!info) return null;
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
            {versionRows(info).map(({ name, value }) => (
              <Fragment key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
        <DiagnosticsButton />
      </div>
    </footer>
  );
}
