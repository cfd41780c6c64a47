import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, _electron, type Page } from '@playwright/test';

import { WebHostProcess, type HostHandle } from './hostProcess';

const ROOT = resolve(__dirname, '..');

type Fixtures = { host: HostHandle; hostEnv: NodeJS.ProcessEnv };

export const test = base.extend<Fixtures>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
    const host = new WebHostProcess(dataDir, hostEnv);
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
