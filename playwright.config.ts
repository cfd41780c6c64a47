import { defineConfig } from '@playwright/test';
import { noBrowserLine } from './main/browser/installCommand';
import { electronBinary } from './e2e/electronBinary';
import { testBrowserChoice } from './e2e/testBrowser';

// `web`: Debian's Chromium against the web host (random port, temp data folder) — runs everywhere.
// `electron`: the same specs through Playwright's _electron.launch, only where an Electron binary exists.
// The pages run in a full browser found the way the product finds one (e2e/testBrowser.ts).
const browser = testBrowserChoice();
const electron = electronBinary();
if (!electron.path) console.log(`[playwright] electron project not run: ${electron.why}`);
if (!browser) console.log(`[playwright] ${noBrowserLine()} (or set CHROMIUM_PATH)`);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1100, height: 760 },
        launchOptions: {
          executablePath: browser?.executablePath,
          // Root needs --no-sandbox; the rest keep a closed network from being knocked on.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
        },
      },
    },
    ...(electron.path ? [{ name: 'electron', metadata: { electronPath: electron.path } }] : []),
  ],
});
