// The Proxy section of an account card: which proxy the account's browser sends WhatsApp through (or
// none), and a form to set, change or remove it (accounts.setProxy; a running account restarts on it).
// The password is never sent back: the card says whether one is kept, and an empty field keeps it.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ProxyScheme, ProxyView } from '../../preload/contract';
import { t } from '../i18n';
import { useAccountsStore } from '../stores/accountsStore';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

const SCHEMES: readonly ProxyScheme[] = ['http', 'https', 'socks5'];

/** The proxy in one line, as the card shows it. */
export function proxySummary(proxy: ProxyView | null): string {
  if (!proxy) return t('session:proxy.none');
  const where = { kind: proxy.scheme.toUpperCase(), host: proxy.host, port: proxy.port };
  if (!proxy.username) return t('session:proxy.through', where);
  return t(proxy.hasPassword ? 'session:proxy.throughAsKept' : 'session:proxy.throughAs', { ...where, user: proxy.username });
}

export function AccountProxy({ account }: { account: Account }) {
  const { t } = useTranslation('session');
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const setProxy = useAccountsStore((s) => s.setProxy);
  const removing = useCommand();
  const proxy = account.proxy;

  return (
    <section className="card-proxy" aria-labelledby={headingId}>
      <p id={headingId} className="card-section-title">
        {t('proxy.title')}
        <span className="visually-hidden"> {t('proxy.ofLabel', { label: account.label })}</span>
      </p>
      <p className="panel-line" data-testid="proxy-summary">
        {proxySummary(proxy)}
      </p>
      {editing ? (
        <ProxyForm account={account} onDone={() => setEditing(false)} />
      ) : (
        <div className="actions">
          <button type="button" className="button small" onClick={() => setEditing(true)}>
            {proxy ? t('proxy.change') : t('proxy.set')}
            <span className="visually-hidden"> {t('proxy.forLabel', { label: account.label })}</span>
          </button>
          {proxy ? (
            <button type="button" className="button small" aria-disabled={removing.pending || undefined} onClick={() => void removing.run(() => setProxy(account.id, null))}>
              {t('proxy.remove')}
              <span className="visually-hidden"> {t('proxy.ofLabel', { label: account.label })}</span>
            </button>
          ) : null}
        </div>
      )}
      <FieldError message={removing.error} />
    </section>
  );
}

function ProxyForm({ account, onDone }: { account: Account; onDone(): void }) {
  const { t } = useTranslation(['session', 'common']);
  const setProxy = useAccountsStore((s) => s.setProxy);
  const saving = useCommand();
  const p = account.proxy;
  const [scheme, setScheme] = useState<ProxyScheme>(p?.scheme ?? 'http');
  const [host, setHost] = useState(p?.host ?? '');
  const [port, setPort] = useState(p ? String(p.port) : '');
  const [username, setUsername] = useState(p?.username ?? '');
  const [password, setPassword] = useState('');
  const socks = scheme === 'socks5';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      scheme,
      host,
      port: /^\d+$/.test(port.trim()) ? Number(port.trim()) : Number.NaN,
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(password ? { password } : {}),
    };
    const result = await saving.run(() => setProxy(account.id, input));
    if (result?.ok) onDone();
  }

  return (
    <form className="proxy-form" onSubmit={submit} aria-label={t('proxy.form', { label: account.label })} noValidate>
      <SelectField
        label={t('proxy.type')}
        name="scheme"
        value={scheme}
        options={SCHEMES.map((value) => ({ value, text: t(`proxy.${value}`) }))}
        onChange={(v) => setScheme(v as ProxyScheme)}
        help={socks ? t('proxy.socksHelp') : undefined}
      />
      <TextField label={t('proxy.host')} name="host" value={host} onChange={setHost} placeholder={t('proxy.hostPlaceholder')} />
      <TextField label={t('proxy.port')} name="port" value={port} onChange={setPort} inputMode="numeric" className="narrow" placeholder={t('proxy.portPlaceholder')} />
      <TextField label={t('proxy.user')} name="username" value={username} onChange={setUsername} />
      <TextField
        label={t('proxy.password')}
        name="password"
        type="password"
        value={password}
        onChange={setPassword}
        help={p?.hasPassword ? t('proxy.passwordKept') : t('proxy.passwordNew')}
      />
      <FieldError message={saving.error} />
      <div className="actions">
        <button type="submit" className="button small primary" aria-disabled={saving.pending || undefined}>
          {saving.pending ? t('common:saving') : t('proxy.save')}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
