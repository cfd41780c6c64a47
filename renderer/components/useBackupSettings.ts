import { useEffect, useState } from 'react';
import type { Account, Result } from '../../preload/contract';
import { t } from '../i18n';
import { useBackupStore, type BackupConfig } from '../stores/backupStore';
import { errorText, invalidField } from './errors';

export type SettingField = 'enabled' | 'storeId' | 'intervalMin' | 'encrypt';
type SettingError = { field: SettingField; message: string } | null;
export type SettingPatch = Omit<BackupConfig, 'accountId' | 'enabled'> & { enabled?: boolean };

/**
 * The state behind an account's backup controls: one configure at a time, what a switch was asked to
 * show while main answers, the interval as typed, and one error beside the control it is about (the
 * field main named, else the control that changed).
 */
export function useBackupSettings(account: Account) {
  const configureBackup = useBackupStore((s) => s.configure);
  const b = account.backup;
  const [pending, setPending] = useState(false);
  // While main answers, a switch shows what was asked for (then main's answer, or back with an error).
  const [asked, setAsked] = useState<{ enabled?: boolean; encrypt?: boolean }>({});
  const [settingError, setSettingError] = useState<SettingError>(null);
  const [interval, setIntervalText] = useState(String(b.intervalMin));

  useEffect(() => setIntervalText(String(b.intervalMin)), [b.intervalMin]);

  async function configure(patch: SettingPatch, field: SettingField): Promise<Result<Account>> {
    setPending(true);
    setSettingError(null);
    setAsked({ enabled: patch.enabled, encrypt: patch.encrypt });
    const result = await configureBackup({ accountId: account.id, enabled: b.enabled, ...patch });
    setPending(false);
    setAsked({});
    if (!result.ok) setSettingError({ field: settingOf(invalidField(result.error)) ?? field, message: errorText(result.error) });
    return result;
  }

  function commitInterval() {
    const text = interval.trim();
    if (text === String(b.intervalMin)) return;
    const minutes = Number(text);
    if (!/^\d+$/.test(text) || minutes < 1 || minutes > 24 * 60) {
      return setSettingError({ field: 'intervalMin', message: t('backupStatus:settings.intervalInvalid') });
    }
    void configure({ intervalMin: minutes }, 'intervalMin');
  }

  function typeInterval(text: string) {
    setIntervalText(text);
    if (settingError?.field === 'intervalMin') setSettingError(null);
  }

  const errorFor = (field: SettingField) => (settingError?.field === field ? settingError.message : null);
  return {
    pending,
    asked,
    interval,
    configure,
    /** One action per control, so the controls name no field themselves. */
    setEnabled: (on: boolean, storeId: string) => configure({ enabled: on, storeId: storeId || null }, 'enabled'),
    chooseStore: (storeId: string) => configure({ storeId }, 'storeId'),
    setEncrypt: (on: boolean) => configure({ encrypt: on }, 'encrypt'),
    commitInterval,
    typeInterval,
    /** The error beside each control (at most one is set). */
    errors: { enabled: errorFor('enabled'), storeId: errorFor('storeId'), intervalMin: errorFor('intervalMin'), encrypt: errorFor('encrypt') } satisfies Record<SettingField, string | null>,
  };
}

function settingOf(field: string | null): SettingField | null {
  return field === 'storeId' || field === 'intervalMin' ? field : null;
}

export type BackupSettingsState = ReturnType<typeof useBackupSettings>;
