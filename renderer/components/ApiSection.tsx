// The "Local API" area: turn the API for scripts on (it is off until then) and choose its port, see
// where it listens (or why it cannot), manage its keys and the accounts' webhooks with their log.
import { useEffect, useState } from 'react';
import { selectApiLoad, selectApiStatus, useLocalApiStore } from '../stores/localApiStore';
import { ApiKeysPanel } from './ApiKeysPanel';
import { CheckboxField } from './ChoiceFields';
import { TextField } from './TextField';
import { useCommand } from './useCommand';
import { WebhooksPanel } from './WebhooksPanel';

export function ApiSection() {
  const status = useLocalApiStore(selectApiStatus);
  const load = useLocalApiStore(selectApiLoad);
  return (
    <section className="backup local-api" aria-labelledby="api-heading">
      <h2 id="api-heading" className="section-title">
        Local API
      </h2>
      {load === 'failed' ? <p className="muted">The API settings could not be loaded.</p> : null}
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

function ApiSettingsPanel() {
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
      <h3 className="panel-heading">API for scripts</h3>
      <p className="muted">An HTTP API on this computer only (127.0.0.1), for your own scripts: read account states, send messages, hear events. Web pages cannot call it.</p>
      <CheckboxField label="Turn on the local API" asSwitch checked={status.settings.enabled} busy={toggle.pending} error={toggle.error} onChange={(enabled) => void toggle.run(() => configure({ enabled }))} />
      <p role="status" className={status.error ? 'result-error' : status.listening ? 'result-ok' : 'muted'}>
        {status.error ?? (status.listening ? `Listening at ${status.listening} (OpenAPI document: ${status.listening}/openapi.json)` : 'Off')}
      </p>
      <form
        aria-label="API settings"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <TextField label="Port" inputMode="numeric" className="field-narrow" value={port} onChange={setPort} />
        <TextField label="Allowed origins (optional)" help="Pages at these origins may call the API, e.g. http://localhost:5173. Leave empty to refuse every page." value={origins} onChange={setOrigins} />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            Save API settings
          </button>
        </div>
      </form>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
