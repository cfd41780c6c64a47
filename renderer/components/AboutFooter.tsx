import { Fragment } from 'react';
import { selectInfo, useAppStore } from '../stores/appStore';
import { signingNotice, versionRows } from './aboutView';
import { DiagnosticsButton } from './DiagnosticsButton';
import { UpdateCheckButton } from './UpdateCheckButton';

export function AboutFooter() {
  const info = useAppStore(selectInfo);
  if (!info) return null;
  const unsigned = signingNotice(info);
  return (
    <footer className="app-footer">
      <div className="app-footer-inner">
        <p>
          {info.name} · version {info.version} · {info.host === 'web' ? 'browser mode' : 'desktop app'}
        </p>
        {unsigned ? <p className="hint">{unsigned}</p> : null}
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
        <UpdateCheckButton />
        <DiagnosticsButton />
      </div>
    </footer>
  );
}
