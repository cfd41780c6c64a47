// The Proxy section of an account card: which proxy the account's browser sends WhatsApp through (or
// none), and a form to set, change or remove it (accounts.setProxy; a running account restarts on it).
// The password is never sent back: the card says whether one is kept, and an empty field keeps it.
import { useId, useState, type FormEvent } from 'react';
import type { Account, ProxyScheme, ProxyView } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { SelectField } from './ChoiceFields';
import { FieldError } from './fieldParts';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

const SCHEMES: ReadonlyArray<{ value: ProxyScheme; text: string }> = [
  { value: 'http', text: 'HTTP' },
  { value: 'https', text: 'HTTPS' },
  { value: 'socks5', text: 'SOCKS5 (no sign-in)' },
];

/** The proxy in one line, as the card shows it. */
export function proxySummary(proxy: ProxyView | null): string {
  if (!proxy) return 'No proxy: WhatsApp traffic goes out directly.';
  const kind = proxy.scheme.toUpperCase();
  const who = proxy.username ? ` as ${proxy.username}${proxy.hasPassword ? ' (password kept)' : ''}` : '';
  return `Through the ${kind} proxy ${proxy.host}:${proxy.port}${who}.`;
}

export function AccountProxy({ account }: { account: Account }) {
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const setProxy = useAccountsStore((s) => s.setProxy);
  const removing = useCommand();
  const proxy = account.proxy;

  return (
    <section className="card-proxy" aria-labelledby={headingId}>
      <p id={headingId} className="card-section-title">
        Proxy<span className="visually-hidden"> of {account.label}</span>
      </p>
      <p className="panel-line" data-testid="proxy-summary">
        {proxySummary(proxy)}
      </p>
      {editing ? (
        <ProxyForm account={account} onDone={() => setEditing(false)} />
      ) : (
        <div className="actions">
          <button type="button" className="button small" onClick={() => setEditing(true)}>
            {proxy ? 'Change proxy' : 'Set a proxy'}
            <span className="visually-hidden"> for {account.label}</span>
          </button>
          {proxy ? (
            <button type="button" className="button small" aria-disabled={removing.pending || undefined} onClick={() => void removing.run(() => setProxy(account.id, null))}>
              Remove proxy<span className="visually-hidden"> of {account.label}</span>
            </button>
          ) : null}
        </div>
      )}
      <FieldError message={removing.error} />
    </section>
  );
}

function ProxyForm({ account, onDone }: { account: Account; onDone(): void }) {
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
    <form className="proxy-form" onSubmit={submit} aria-label={`Proxy of ${account.label}`} noValidate>
      <SelectField
        label="Type"
        name="scheme"
        value={scheme}
        options={SCHEMES}
        onChange={(v) => setScheme(v as ProxyScheme)}
        help={socks ? 'Chromium cannot sign in to a SOCKS5 proxy: leave the user and password empty.' : undefined}
      />
      <TextField label="Host" name="host" value={host} onChange={setHost} placeholder="e.g. proxy.example.com" />
      <TextField label="Port" name="port" value={port} onChange={setPort} inputMode="numeric" className="narrow" placeholder="e.g. 3128" />
      <TextField label="User (optional)" name="username" value={username} onChange={setUsername} />
      <TextField
        label="Password (optional)"
        name="password"
        type="password"
        value={password}
        onChange={setPassword}
        help={p?.hasPassword ? 'Leave it empty to keep the saved password.' : 'Kept in the system keychain, never shown again.'}
      />
      <FieldError message={saving.error} />
      <div className="actions">
        <button type="submit" className="button small primary" aria-disabled={saving.pending || undefined}>
          {saving.pending ? 'Saving…' : 'Save proxy'}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
