// The Settings screen's state: every setting (settings.get, then settings.changed from any window), the
// browsers main found, and which screen the window shows. A change is sent to main and shown once
// main saved it; the language is applied as soon as it is known, so every window follows.
import { create } from 'zustand';
import type { ApiError, Result } from '../../preload/contract';
import type { AppSettings, BrowserCheck, BrowserList, SettingsPatch } from '../../preload/settings';
import { applyLanguage } from '../i18n';
import { call } from './api';

export type Screen = 'accounts' | 'settings';

export interface SettingsState {
  settings: AppSettings | null;
  loadError: ApiError | null;
  browsers: BrowserList | null;
  screen: Screen;
  load(): Promise<void>;
  /** settings.changed: main's whole settings. */
  receive(settings: AppSettings): void;
  update(patch: SettingsPatch): Promise<Result<AppSettings>>;
  loadBrowsers(): Promise<void>;
  checkBrowser(path: string): Promise<Result<BrowserCheck>>;
  /** The desktop app opens the data folder in the file manager; browser mode answers NOT_AVAILABLE. */
  openDataFolder(): Promise<Result<{ path: string }>>;
  show(screen: Screen): void;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  loadError: null,
  browsers: null,
  screen: 'accounts',

  load: async () => {
    const result = await call('settings.get');
    if (result.ok) get().receive(result.value);
    else set({ loadError: result.error });
  },

  receive: (settings) => {
    applyLanguage(settings.language);
    set({ settings, loadError: null });
  },

  update: async (patch) => {
    const result = await call('settings.update', patch);
    if (result.ok) {
      get().receive(result.value);
      // Which browser accounts start in may have changed.
      if ('browserPath' in patch) void get().loadBrowsers();
    }
    return result;
  },

  loadBrowsers: async () => {
    const result = await call('settings.browsers');
    if (result.ok) set({ browsers: result.value });
  },

  checkBrowser: (path) => call('settings.checkBrowser', { path }),

  openDataFolder: () => call('app.openDataFolder'),

  show: (screen) => set({ screen }),
}));

export const selectSettings = (s: SettingsState) => s.settings;
export const selectScreen = (s: SettingsState) => s.screen;
export const selectBrowsers = (s: SettingsState) => s.browsers;
