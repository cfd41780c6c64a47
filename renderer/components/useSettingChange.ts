import { useState } from 'react';
import type { SettingsPatch } from '../../preload/settings';
import { useSettingsStore } from '../stores/settingsStore';
import { useCommand } from './useCommand';

/**
 * Saves one setting from its control: while main saves, the control shows the person's choice (a click
 * never seems to do nothing); if main refuses, the control goes back to the saved value and the error
 * stands beside it.
 */
export function useSettingChange<K extends keyof SettingsPatch>(key: K) {
  const saved = useSettingsStore((s) => s.settings?.[key]);
  const update = useSettingsStore((s) => s.update);
  const { run, pending, error } = useCommand();
  const [asked, setAsked] = useState<{ value: SettingsPatch[K] } | null>(null);
  const change = async (value: SettingsPatch[K]) => {
    setAsked({ value });
    const result = await run(() => update({ [key]: value } as SettingsPatch));
    setAsked(null);
    return result;
  };
  return { value: (asked ? asked.value : saved) as NonNullable<SettingsPatch[K]>, change, pending, error };
}
