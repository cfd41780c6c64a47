// Webhooks per account: where to POST, which events, and a signing secret shown once (receivers check
// each delivery with the Standard Webhooks libraries). Below them, the delivery log fills live.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiEventKind, type DeliveryView, type WebhookView } from '../../preload/contract';
import { isEnglish, t as translate } from '../i18n';
import { selectAccounts, useAccountsStore } from '../stores/accountsStore';
import { selectApiStatus, selectDeliveries, useLocalApiStore } from '../stores/localApiStore';
import { CheckboxField, SelectField } from './ChoiceFields';
import { SecretOnce } from './SecretOnce';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

/** Each event's name in the catalog (api:webhooks.event.<kind>); a Record, so a new kind fails the type check. */
const EVENT_TEXT: Record<ApiEventKind, () => string> = {
  qr: () => translate('api:webhooks.event.qr'),
  state: () => translate('api:webhooks.event.state'),
  message: () => translate('api:webhooks.event.message'),
  message_ack: () => translate('api:webhooks.event.message_ack'),
  remote_session_saved: () => translate('api:webhooks.event.remote_session_saved'),
};

/**
 * How a delivery went: delivered, sending, or failed and retrying. Main words the last error in English;
 * another language says it from the receiver's HTTP status.
 */
export function deliveryStatusText(d: DeliveryView): string {
  if (d.status === 'delivered') return translate('api:deliveries.delivered', { status: d.lastStatus });
  if (d.attempts === 0) return translate('api:deliveries.sending');
  const error = isEnglish() ? (d.lastError ?? '') : d.lastStatus !== null ? translate('api:deliveries.httpStatus', { status: d.lastStatus }) : translate('api:deliveries.noAnswer');
  return translate('api:deliveries.failed', { attempts: d.attempts, error });
}

export function WebhooksPanel() {
  const { t } = useTranslation('api');
  const hooks = useLocalApiStore(selectApiStatus)?.webhooks ?? [];
  const accounts = useAccountsStore(selectAccounts);
  const removeWebhook = useLocalApiStore((s) => s.removeWebhook);
  const remove = useCommand();
  const label = (h: WebhookView) => accounts.find((a) => a.id === h.accountId)?.label ?? h.accountId;
  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">{t('webhooks.title')}</h3>
      {hooks.length === 0 ? <p>{t('webhooks.none')}</p> : null}
      {hooks.length > 0 ? (
        <ul className="store-list" aria-label={t('webhooks.list')}>
          {hooks.map((h) => (
            <li key={h.id} className="store-item">
              <span>
                <Trans
                  t={t}
                  i18nKey="webhooks.item"
                  values={{ account: label(h), url: h.url, events: h.events.map((e) => EVENT_TEXT[e]()).join(t('webhooks.eventSeparator')) }}
                  components={{ account: <strong /> }}
                />
              </span>
              <button type="button" className="button small" aria-label={t('webhooks.removeLabel', { url: h.url })} onClick={() => void remove.run(() => removeWebhook(h.id))}>
                {t('webhooks.remove')}
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
  const { t } = useTranslation('api');
  const accounts = useAccountsStore(selectAccounts);
  const addWebhook = useLocalApiStore((s) => s.addWebhook);
  const { run, pending, error } = useCommand();
  const [accountId, setAccountId] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ApiEventKind[]>(['message', 'message_ack', 'state']);
  const [secret, setSecret] = useState<string | null>(null);

  if (secret) return <SecretOnce label={t('webhooks.secret')} secret={secret} onDone={() => setSecret(null)} />;
  return (
    <form
      aria-label={t('webhooks.form')}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run(() => addWebhook({ accountId, url, events }));
        if (result?.ok) {
          setSecret(result.value.secret);
          setUrl('');
        }
      }}
    >
      <SelectField label={t('webhooks.account')} value={accountId} placeholder={t('webhooks.chooseAccount')} options={accounts.map((a) => ({ value: a.id, text: a.label }))} onChange={setAccountId} />
      <TextField label={t('webhooks.url')} value={url} onChange={setUrl} placeholder={t('webhooks.urlPlaceholder')} />
      <fieldset className="check-group">
        <legend>{t('webhooks.events')}</legend>
        {ApiEventKind.options.map((kind) => (
          <CheckboxField key={kind} label={EVENT_TEXT[kind]()} checked={events.includes(kind)} onChange={(on) => setEvents((list) => (on ? [...list, kind] : list.filter((k) => k !== kind)))} />
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          {t('webhooks.add')}
        </button>
      </div>
      {error ? <p className="result-error">{error}</p> : null}
    </form>
  );
}

function DeliveryLog({ hooks }: { hooks: WebhookView[] }) {
  const { t } = useTranslation('api');
  const deliveries = useLocalApiStore(selectDeliveries);
  if (hooks.length === 0) return null;
  const url = (id: string) => hooks.find((h) => h.id === id)?.url ?? t('deliveries.removedWebhook');
  return (
    <>
      <h4 className="panel-subheading">{t('deliveries.title')}</h4>
      {deliveries.length === 0 ? <p className="muted">{t('deliveries.none')}</p> : null}
      <ol className="store-list delivery-log" aria-label={t('deliveries.list')}>
        {deliveries.map((d) => (
          <li key={d.id} className="store-item">
            <span>
              {t('deliveries.line', { time: new Date(d.createdAt).toLocaleTimeString(), event: EVENT_TEXT[d.event](), url: url(d.webhookId), status: deliveryStatusText(d) })}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
