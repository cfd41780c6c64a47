// The Backup section of an account card: the on/off switch, the store, how often, Encrypt (turning it
// off asks first: a plain backup is a full login to the account), "Back up now", and what happened
// last: the last backup, or since when and why backups fail and when the next try is. Every control
// takes effect at once through backup.configure; main's answer (and its broadcast) is what the card shows.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Account, ApiError, Result } from '../../preload/contract';
import { selectStores, useBackupStore, type BackupConfig } from '../stores/backupStore';
import { BackupStatusView } from './BackupStatusView';
import { CheckboxField, SelectField } from './ChoiceFields';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText } from './errors';
import { TextField } from './TextField';
import { useCommand } from './useCommand';

type SettingField = 'enabled' | 'storeId' | 'intervalMin' | 'encrypt';
type SettingError = { field: SettingField; message: string } | null;

export function AccountBackup({ account }: { account: Account }) {
  const stores = useBackupStore(selectStores);
  const configureBackup = useBackupStore((s) => s.configure);
  const runBackupNow = useBackupStore((s) => s.runNow);
  const b = account.backup;
  const headingId = useId();
  const [pending, setPending] = useState(false);
  // While main answers, a switch shows what was asked for (then main's answer, or back with an error).
  const [asked, setAsked] = useState<{ enabled?: boolean; encrypt?: boolean }>({});
  const [settingError, setSettingError] = useState<SettingError>(null);
  const [confirmPlain, setConfirmPlain] = useState(false);
  const [interval, setIntervalText] = useState(String(b.intervalMin));
  const backUpNow = useCommand();
  // Shown in the select while nothing is chosen yet: the store that switching on will use.
  const storeId = b.storeId ?? stores[0]?.id ?? '';

  useEffect(() => setIntervalText(String(b.intervalMin)), [b.intervalMin]);

  async function configure(patch: Omit<BackupConfig, 'accountId' | 'enabled'> & { enabled?: boolean }, field: SettingField): Promise<Result<Account>> {
    setPending(true);
    setSettingError(null);
    setAsked({ enabled: patch.enabled, encrypt: patch.encrypt });
    const result = await configureBackup({ accountId: account.id, enabled: b.enabled, ...patch });
    setPending(false);
    setAsked({});
    if (!result.ok) setSettingError({ field: fieldOf(result.error) ?? field, message: errorText(result.error) });
    return result;
  }

  function commitInterval() {
    const text = interval.trim();
    if (text === String(b.intervalMin)) return;
    const minutes = Number(text);
    if (!/^\d+$/.test(text) || minutes < 1 || minutes > 24 * 60) {
      return setSettingError({ field: 'intervalMin', message: 'Type a number of minutes from 1 to 1440.' });
    }
    void configure({ intervalMin: minutes }, 'intervalMin');
  }

  const errorFor = (field: SettingField) => (settingError?.field === field ? settingError.message : null);
  const running = b.activity === 'running' || backUpNow.pending;
  // The failing notice already says what went wrong; repeat a Back up now error only if it says more.
  const runError = backUpNow.error && backUpNow.error !== b.failing?.message ? backUpNow.error : null;

  return (
    <section className="card-backup" aria-labelledby={headingId}>
      {/* Not a heading: the card's title stays its one heading; the region is still named "Backup of …". */}
      <p id={headingId} className="card-section-title">
        Backup<span className="visually-hidden"> of {account.label}</span>
      </p>
      {stores.length === 0 && !b.storeId ? (
        <p className="muted">To back this account up, first add a store under Backup › Stores below.</p>
      ) : (
        <>
          <CheckboxField
            asSwitch
            name="backup"
            label={
              <>
                Back up <span className="label-text">{account.label}</span>
              </>
            }
            checked={asked.enabled ?? b.enabled}
            busy={pending}
            error={errorFor('enabled')}
            onChange={(on) => void configure({ enabled: on, storeId: storeId || null }, 'enabled')}
          />
          <div className="form-grid backup-settings">
            <SelectField
              label="Store"
              name="store"
              value={storeId}
              options={stores.map((s) => ({ value: s.id, text: s.name }))}
              placeholder="Choose a store"
              error={errorFor('storeId')}
              onChange={(id) => void configure({ storeId: id }, 'storeId')}
            />
            <TextField
              label="Every (minutes)"
              name="interval"
              inputMode="numeric"
              className="field-narrow"
              value={interval}
              onChange={(v) => {
                setIntervalText(v);
                if (settingError?.field === 'intervalMin') setSettingError(null);
              }}
              onBlur={commitInterval}
              onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
                if (e.key === 'Enter') commitInterval();
              }}
              error={errorFor('intervalMin')}
            />
          </div>
          <CheckboxField
            name="encrypt"
            label="Encrypt"
            checked={asked.encrypt ?? b.encrypt}
            busy={pending}
            error={errorFor('encrypt')}
            help={b.encrypt ? 'Only this computer, or one with your recovery passphrase, can open the backups.' : 'Not encrypted: anyone who can read the store can use this account.'}
            onChange={(on) => (on ? void configure({ encrypt: true }, 'encrypt') : setConfirmPlain(true))}
          />
        </>
      )}
      {stores.length > 0 || b.storeId || b.last ? <BackupStatusView status={b} running={running} /> : null}
      {b.storeId || b.enabled ? (
        <div className="actions">
          <button
            type="button"
            className="button small"
            aria-disabled={running || undefined}
            onClick={() => {
              if (!running) void backUpNow.run(() => runBackupNow(account.id));
            }}
          >
            {running ? 'Backing up…' : 'Back up now'}
            <span className="visually-hidden"> {account.label}</span>
          </button>
        </div>
      ) : null}
      {runError ? (
        <p className="field-error" role="alert">
          {runError}
        </p>
      ) : null}
      {confirmPlain ? (
        <ConfirmDialog
          title={
            <>
              Back up “<span className="label-text">{account.label}</span>” without encryption?
            </>
          }
          confirmLabel="Turn encryption off"
          pendingText="Saving…"
          onConfirm={() => configure({ encrypt: false }, 'encrypt')}
          onClose={() => setConfirmPlain(false)}
        >
          <p>
            <strong>A plain backup is a full login to this WhatsApp account.</strong> Anyone who can read the store (its administrators, anyone with its keys, a leak)
            can open the account and read its messages, without the phone.
          </p>
          <p>Turn encryption off only to move the session to another tool that needs a plain RemoteAuth archive.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function fieldOf(error: ApiError): SettingField | null {
  return error.code === 'INVALID_INPUT' && (error.field === 'storeId' || error.field === 'intervalMin') ? error.field : null;
}
