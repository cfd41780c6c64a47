// An account's backup controls: the on/off switch, the store, how often, and Encrypt (turning it off
// is only asked for here: the card confirms first).
import type { KeyboardEvent } from 'react';
import type { Account, StoreView } from '../../preload/contract';
import { CheckboxField, SelectField } from './ChoiceFields';
import { TextField } from './TextField';
import type { BackupSettingsState } from './useBackupSettings';

export interface BackupSettingsProps {
  account: Account;
  stores: StoreView[];
  /** Shown in the select while nothing is chosen yet: the store that switching on will use. */
  storeId: string;
  settings: BackupSettingsState;
  onAskPlain(): void;
}

export function BackupSettings({ account, stores, storeId, settings: s, onAskPlain }: BackupSettingsProps) {
  const b = account.backup;
  return (
    <>
      <CheckboxField
        asSwitch
        name="backup"
        label={
          <>
            Back up <span className="label-text">{account.label}</span>
          </>
        }
        checked={s.asked.enabled ?? b.enabled}
        busy={s.pending}
        error={s.errorFor('enabled')}
        onChange={(on) => void s.configure({ enabled: on, storeId: storeId || null }, 'enabled')}
      />
      <div className="form-grid backup-settings">
        <SelectField
          label="Store"
          name="store"
          value={storeId}
          options={stores.map((x) => ({ value: x.id, text: x.name }))}
          placeholder="Choose a store"
          error={s.errorFor('storeId')}
          onChange={(id) => void s.configure({ storeId: id }, 'storeId')}
        />
        <TextField
          label="Every (minutes)"
          name="interval"
          inputMode="numeric"
          className="field-narrow"
          value={s.interval}
          onChange={s.typeInterval}
          onBlur={s.commitInterval}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') s.commitInterval();
          }}
          error={s.errorFor('intervalMin')}
        />
      </div>
      <CheckboxField
        name="encrypt"
        label="Encrypt"
        checked={s.asked.encrypt ?? b.encrypt}
        busy={s.pending}
        error={s.errorFor('encrypt')}
        help={b.encrypt ? 'Only this computer, or one with your recovery passphrase, can open the backups.' : 'Not encrypted: anyone who can read the store can use this account.'}
        onChange={(on) => (on ? void s.configure({ encrypt: true }, 'encrypt') : onAskPlain())}
      />
    </>
  );
}
