// API keys: create one (for all accounts or some), shown once with a Copy button; revoke one. The
// list shows how to recognise a key (its first characters) and when it was last used.
import { useState } from 'react';
import { selectAccounts, useAccountsStore } from '../stores/accountsStore';
import { selectApiStatus, useLocalApiStore } from '../stores/localApiStore';
import { CheckboxField } from './ChoiceFields';
import { SecretOnce } from './SecretOnce';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

const when = (at: number | null) => (at === null ? 'never' : new Date(at).toLocaleString());

export function ApiKeysPanel() {
  const keys = useLocalApiStore(selectApiStatus)?.keys ?? [];
  const revokeKey = useLocalApiStore((s) => s.revokeKey);
  const revoke = useCommand();
  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">API keys</h3>
      {keys.length === 0 ? <p>No keys yet. A script needs one to call the API.</p> : null}
      {keys.length > 0 ? (
        <ul className="store-list" aria-label="API keys">
          {keys.map((k) => (
            <li key={k.id} className="store-item">
              <span>
                <strong>{k.name}</strong> <code>{k.prefix}…</code> · {k.accounts === null ? 'all accounts' : k.accounts.join(', ')} · last used {when(k.lastUsedAt)}
                {k.revokedAt !== null ? ' · revoked' : ''}
              </span>
              {k.revokedAt === null ? (
                <button type="button" className="button small" aria-label={`Revoke ${k.name}`} onClick={() => void revoke.run(() => revokeKey(k.id))}>
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {revoke.error ? <p className="result-error">{revoke.error}</p> : null}
      <NewKeyForm />
    </div>
  );
}

function NewKeyForm() {
  const accounts = useAccountsStore(selectAccounts);
  const createKey = useLocalApiStore((s) => s.createKey);
  const { run, pending, error } = useCommand();
  const [name, setName] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);

  if (secret) return <SecretOnce label="New API key" secret={secret} onDone={() => setSecret(null)} />;
  return (
    <form
      aria-label="Create an API key"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run(() => createKey({ name, accounts: all ? null : chosen }));
        if (result?.ok) {
          setSecret(result.value.secret);
          setName('');
        }
      }}
    >
      <TextField label="Key name" value={name} onChange={setName} placeholder="e.g. backup script" />
      <CheckboxField label="All accounts" checked={all} onChange={setAll} />
      {!all
        ? accounts.map((a) => (
            <CheckboxField key={a.id} label={a.label} checked={chosen.includes(a.id)} onChange={(on) => setChosen((c) => (on ? [...c, a.id] : c.filter((x) => x !== a.id)))} />
          ))
        : null}
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          Create key
        </button>
      </div>
      {error ? <p className="result-error">{error}</p> : null}
    </form>
  );
}
