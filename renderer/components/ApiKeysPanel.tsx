// API keys: create one (for all accounts or some), shown once with a Copy button; revoke one. The
// list shows how to recognise a key (its first characters) and when it was last used.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { t as translate } from '../i18n';
import { selectAccounts, useAccountsStore } from '../stores/accountsStore';
import { selectApiStatus, useLocalApiStore } from '../stores/localApiStore';
import { CheckboxField } from './ChoiceFields';
import { SecretOnce } from './SecretOnce';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

const when = (at: number | null) => (at === null ? translate('api:keys.never') : new Date(at).toLocaleString());

export function ApiKeysPanel() {
  const { t } = useTranslation('api');
  const keys = useLocalApiStore(selectApiStatus)?.keys ?? [];
  const revokeKey = useLocalApiStore((s) => s.revokeKey);
  const revoke = useCommand();
  return (
    <div className="panel backup-panel">
      <h3 className="panel-heading">{t('keys.title')}</h3>
      {keys.length === 0 ? <p>{t('keys.none')}</p> : null}
      {keys.length > 0 ? (
        <ul className="store-list" aria-label={t('keys.list')}>
          {keys.map((k) => (
            <li key={k.id} className="store-item">
              <span>
                <Trans
                  t={t}
                  i18nKey="keys.item"
                  values={{ name: k.name, prefix: k.prefix, accounts: k.accounts === null ? t('keys.allAccounts') : k.accounts.join(', '), used: when(k.lastUsedAt) }}
                  components={{ name: <strong />, prefix: <code /> }}
                />
                {k.revokedAt !== null ? t('keys.revoked') : ''}
              </span>
              {k.revokedAt === null ? (
                <button type="button" className="button small" aria-label={t('keys.revokeLabel', { name: k.name })} onClick={() => void revoke.run(() => revokeKey(k.id))}>
                  {t('keys.revoke')}
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
  const { t } = useTranslation('api');
  const accounts = useAccountsStore(selectAccounts);
  const createKey = useLocalApiStore((s) => s.createKey);
  const { run, pending, error } = useCommand();
  const [name, setName] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);

  if (secret) return <SecretOnce label={t('keys.newKey')} secret={secret} onDone={() => setSecret(null)} />;
  return (
    <form
      aria-label={t('keys.form')}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run(() => createKey({ name, accounts: all ? null : chosen }));
        if (result?.ok) {
          setSecret(result.value.secret);
          setName('');
        }
      }}
    >
      <TextField label={t('keys.name')} value={name} onChange={setName} placeholder={t('keys.namePlaceholder')} />
      <CheckboxField label={t('keys.forAll')} checked={all} onChange={setAll} />
      {!all
        ? accounts.map((a) => (
            <CheckboxField key={a.id} label={a.label} checked={chosen.includes(a.id)} onChange={(on) => setChosen((c) => (on ? [...c, a.id] : c.filter((x) => x !== a.id)))} />
          ))
        : null}
      <div className="actions">
        <button type="submit" className="button primary" aria-disabled={pending || undefined}>
          {t('keys.create')}
        </button>
      </div>
      {error ? <p className="result-error">{error}</p> : null}
    </form>
  );
}
