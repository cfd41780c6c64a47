// What main/electron/updater.ts relies on in the installed electron-updater, checked without running it
// (its autoUpdater needs a running Electron app, which this machine has not).
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const updater = createRequire(import.meta.url)('electron-updater') as Record<string, unknown>;

it('electron-updater exposes autoUpdater as a lazy getter on its CommonJS exports, which require() reaches', () => {
  const descriptor = Object.getOwnPropertyDescriptor(updater, 'autoUpdater');
  expect(typeof descriptor?.get).toBe('function');
});

it('its AppUpdater has the check this app calls', () => {
  const AppUpdater = updater.AppUpdater as { prototype: Record<string, unknown> };
  expect(typeof AppUpdater.prototype.checkForUpdates).toBe('function');
});
