import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, _electron, type Page } from '@playwright/test';

import type { SessionSettings } from '../main/accounts/AccountSession';
import { WebHostProcess, type HostHandle } from './hostProcess';
import { SimServer } from './sim/SimServer';
import type { SimOptions } from './sim/types';

const ROOT = resolve(__dirname, '..');

type Fixtures = {
  host: HostHandle;
  /** The simulated WhatsApp every host in the specs talks to: no spec can reach the internet. */
  sim: SimServer;
  simOptions: SimOptions;
  /** Engine settings for the host (QR lifetimes, watchdogs); the simulator's flags are added. */
  engine: Partial<SessionSettings>;
};

export const E2E_SIM: SimOptions = { bootDelayMs: 300, syncStepMs: 100, firstRefMs: 20_000, laterRefMs: 10_000 };

export const test = base.extend<Fixtures>({
  simOptions: [E2E_SIM, { option: true }],
  engine: [{ qrFirstTtlMs: 20_000, qrLaterTtlMs: 10_000 }, { option: true }],
  sim: async ({ simOptions }, use) => {
    const sim = new SimServer(simOptions);
    await sim.start();
    await use(sim);
    await sim.stop();
  },
  host: async ({ sim, engine }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
    const host = new WebHostProcess(dataDir, { WA_ACCOUNTS_DEV_ENGINE: JSON.stringify({ ...engine, extraChromiumArgs: sim.chromiumArgs() }) });
    await host.start();
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  // In the `electron` project the same specs drive the desktop window instead of a browser tab.
  page: async ({ page, host }, use, testInfo) => {
    const electronPath = (testInfo.project.metadata as { electronPath?: string } | undefined)?.electronPath;
    if (!electronPath) return use(page);
    const app = await _electron.launch({
      executablePath: electronPath,
      args: [join(ROOT, 'dist/main/electron.cjs'), `--user-data-dir=${host.dataDir}-electron`],
    });
    const win: Page = await app.firstWindow();
    // The specs navigate to host.url; in Electron the window already shows the app, so ignore that.
    const goto = win.goto.bind(win);
    win.goto = async (url, opts) => (url.startsWith(host.origin) ? null : goto(url, opts));
    await use(win);
    await app.close();
  },
});

export { expect };
export type { HostHandle };
