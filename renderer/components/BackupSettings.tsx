// An account's backup controls: the on/off switch, the store, how often, and Encrypt (turning it off
// is only asked for here: the card confirms first).
import type { KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('backupStatus');
  const b = account.backup;
  return (
    <>
      <CheckboxField
        asSwitch
        name="backup"
        label={<Trans t={t} i18nKey="settings.switch" values={{ label: account.label }} components={{ label: <span className="label-text" /> }} />}
        checked={s.asked.enabled ?? b.enabled}
        busy={s.pending}
        error={s.errors.enabled}
        onChange={(on) => void s.setEnabled(on, storeId)}
      />
      <div className="form-grid backup-settings">
        <SelectField
          label={t('settings.store')}
          name="store"
          value={storeId}
          options={stores.map((x) => ({ value: x.id, text: x.name }))}
          placeholder={t('settings.chooseStore')}
          error={s.errors.storeId}
          onChange={(id) => void s.chooseStore(id)}
        />
        <TextField
          label={t('settings.interval')}
          name="interval"
          inputMode="numeric"
          className="field-narrow"
          value={s.interval}
          onChange={s.typeInterval}
          onBlur={s.commitInterval}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') s.commitInterval();
          }}
          error={s.errors.intervalMin}
        />
      </div>
      <CheckboxField
        name="encrypt"
        label={t('settings.encrypt')}
        checked={s.asked.encrypt ?? b.encrypt}
        busy={s.pending}
        error={s.errors.encrypt}
        help={b.encrypt ? t('settings.encrypted') : t('settings.plain')}
        onChange={(on) => (on ? void s.setEncrypt(true) : onAskPlain())}
      />
    </>
  );
}
