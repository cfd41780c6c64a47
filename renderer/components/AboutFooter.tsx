import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { selectInfo, useAppStore } from '../stores/appStore';
import { aboutLine, signingNotice, versionRows } from './aboutView';
import { DiagnosticsButton } from './DiagnosticsButton';
import { UpdateCheckButton } from './UpdateCheckButton';

export function AboutFooter() {
  const { t } = useTranslation('app');
  const info = useAppStore(selectInfo);
  if (!info) return null;
  const unsigned = signingNotice(info);
  return (
    <footer className="app-footer">
      <div className="app-footer-inner">
        <p>{aboutLine(info)}</p>
        {unsigned ? <p className="hint">{unsigned}</p> : null}
        <p>
          {t('about.dataFolder')} <code className="path">{info.dataDir}</code>
        </p>
        <details>
          <summary>{t('about.versions')}</summary>
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
