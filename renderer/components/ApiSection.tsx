// The "Local API" area: turn the API for scripts on (it is off until then) and choose its port, see
// where it listens (or why it cannot), manage its keys and the accounts' webhooks with their log.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiStatus } from '../../preload/contract';
import { isEnglish, t as translate } from '../i18n';
import { selectApiLoad, selectApiStatus, useLocalApiStore } from '../stores/localApiStore';
import { ApiKeysPanel } from './ApiKeysPanel';
import { CheckboxField } from './ChoiceFields';
import { TextField } from './TextField';
import { useCommand } from './useCommand';
import { WebhooksPanel } from './WebhooksPanel';

export function ApiSection() {
  const { t } = useTranslation('api');
  const status = useLocalApiStore(selectApiStatus);
  const load = useLocalApiStore(selectApiLoad);
  return (
    <section className="backup local-api" aria-labelledby="api-heading">
      <h2 id="api-heading" className="section-title">
        {t('section.title')}
      </h2>
      {load === 'failed' ? <p className="muted">{t('section.loadFailed')}</p> : null}
      {status ? (
        <div className="backup-grid">
          <div className="backup-column">
            <ApiSettingsPanel />
            <ApiKeysPanel />
          </div>
          <WebhooksPanel />
        </div>
      ) : null}
    </section>
  );
}

/** Where the API listens, that it is off, or why it could not start (main words why in English; another language names the port). */
function listenText(status: ApiStatus): string {
  if (status.error !== null) return isEnglish() ? status.error : translate('api:settings.notStarted', { port: status.settings.port });
  return status.listening ? translate('api:settings.listening', { address: status.listening }) : translate('api:settings.off');
}

function ApiSettingsPanel() {
  const { t } = useTranslation('api');
  const status = useLocalApiStore(selectApiStatus)!;
  const configure = useLocalApiStore((s) => s.configure);
  const { run, pending, error } = useCommand();
  // Its own command: turning the API on never waits behind a save of the port.
  const toggle = useCommand();
  const [port, setPort] = useState(String(status.settings.port));
  const [origins, setOrigins] = useState(status.settings.allowedOrigins.join(', '));
  useEffect(() => setPort(String(status.settings.port)), [status.settings.port]);
  useEffect(() => setOrigins(status.settings.allowedOrigins.join(', ')), [status.settings.allowedOrigins]);

  const save = () => {
    const allowedOrigins = origins.split(/[\s,]+/).filter(Boolean);
    void run(() => configure({ port: Number(port), allowedOrigins }));
  };
  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">{t('settings.title')}</h3>
      <p className="muted">{t('settings.intro')}</p>
      <CheckboxField label={t('settings.enable')} asSwitch checked={status.settings.enabled} busy={toggle.pending} error={toggle.error} onChange={(enabled) => void toggle.run(() => configure({ enabled }))} />
      <p role="status" className={status.error ? 'result-error' : status.listening ? 'result-ok' : 'muted'}>
        {listenText(status)}
      </p>
      <form
        aria-label={t('settings.form')}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField label={t('settings.port')} inputMode="numeric" className="field-narrow" value={port} onChange={setPort} />
        <TextField label={t('settings.origins')} help={t('settings.originsHelp')} value={origins} onChange={setOrigins} />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {t('settings.save')}
          </button>
        </div>
      </form>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
