// Webhooks per account: where to POST, which events, and a signing secret shown once (receivers check
// each delivery with the Standard Webhooks libraries). Below them, the delivery log fills live.
import { useState } from 'react';
import { ApiEventKind, type WebhookView } from '../../preload/contract';
import { selectAccounts, useAccountsStore } from '../stores/accountsStore';
import { selectApiStatus, selectDeliveries, useLocalApiStore } from '../stores/localApiStore';
import { CheckboxField, SelectField } from './ChoiceFields';
import { SecretOnce } from './SecretOnce';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

const EVENT_TEXT: Record<ApiEventKind, string> = {
  qr: 'QR codes',
  state: 'State changes',
  message: 'Messages received',
  message_ack: 'Message acknowledgements',
  remote_session_saved: 'Backup saved',
};

export function WebhooksPanel() {
  const hooks = useLocalApiStore(selectApiStatus)?.webhooks ?? [];
  const accounts = useAccountsStore(selectAccounts);
  const removeWebhook = useLocalApiStore((s) => s.removeWebhook);
  const remove = useCommand();
  const label = (h: WebhookView) => accounts.find((a) => a.id === h.accountId)?.label ?? h.accountId;
  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">Webhooks</h3>
      {hooks.length === 0 ? <p>No webhooks yet.</p> : null}
      {hooks.length > 0 ? (
        <ul className="store-list" aria-label="Webhooks">
          {hooks.map((h) => (
            <li key={h.id} className="store-item">
              <span>
                <strong>{label(h)}</strong> → {h.url} · {h.events.map((e) => EVENT_TEXT[e]).join(', ')}
              </span>
              <button type="button" className="button small" aria-label={`Remove webhook ${h.url}`} onClick={() => void remove.run(() => removeWebhook(h.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {remove.error ? <p className="result-error">{remove.error}</p> : null}
      <NewWebhookForm />
      <DeliveryLog hooks={hooks} />
    </div>
  );
}

function NewWebhookForm() {
  const accounts = useAccountsStore(selectAccounts);
  const addWebhook = useLocalApiStore((s) => s.addWebhook);
  const { run, pending, error } = useCommand();
  const [accountId, setAccountId] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ApiEventKind[]>(['message', 'message_ack', 'state']);
  const [secret, setSecret] = useState<string | null>(null);

  if (secret) return <SecretOnce label="Signing secret" secret={secret} onDone={() => setSecret(null)} />;
  return (
    <form
      aria-label="Add a webhook"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run(() => addWebhook({ accountId, url, events }));
        if (result?.ok) {
          setSecret(result.value.secret);
          setUrl('');
        }
      }}
    >
      <SelectField label="Account" value={accountId} placeholder="Choose an account" options={accounts.map((a) => ({ value: a.id, text: a.label }))} onChange={setAccountId} />
      <TextField label="Webhook URL" value={url} onChange={setUrl} placeholder="http://127.0.0.1:4000/hook" />
      <fieldset className="check-group">
        <legend>Events</legend>
        {ApiEventKind.options.map((kind) => (
          <CheckboxField key={kind} label={EVENT_TEXT[kind]} checked={events.includes(kind)} onChange={(on) => setEvents((list) => (on ? [...list, kind] : list.filter((k) => k !== kind)))} />
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          Add webhook
        </button>
      </div>
      {error ? <p className="result-error">{error}</p> : null}
    </form>
  );
}

function DeliveryLog({ hooks }: { hooks: WebhookView[] }) {
  const deliveries = useLocalApiStore(selectDeliveries);
  if (hooks.length === 0) return null;
  const url = (id: string) => hooks.find((h) => h.id === id)?.url ?? 'removed webhook';
  return (
    <>
      <h4 className="panel-subheading">Deliveries</h4>
      {deliveries.length === 0 ? <p className="muted">Nothing sent yet.</p> : null}
      <ol className="store-list delivery-log" aria-label="Webhook deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="store-item">
            <span>
              {new Date(d.createdAt).toLocaleTimeString()} · {EVENT_TEXT[d.event]} → {url(d.webhookId)} ·{' '}
              {d.status === 'delivered' ? `delivered (HTTP ${d.lastStatus})` : d.attempts === 0 ? 'sending' : `failed ${d.attempts}×: ${d.lastError ?? ''}, retrying`}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
