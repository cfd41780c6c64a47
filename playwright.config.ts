import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { electronBinary } from './e2e/electronBinary';

// `web`: Debian's Chromium against the web host (random port, temp data folder) — runs everywhere.
// `electron`: the same specs through Playwright's _electron.launch, only where an Electron binary exists.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const electron = electronBinary();
if (!electron.path) console.log(`[playwright] electron project not run: ${electron.why}`);
if (!existsSync(chromium)) console.log(`[playwright] no Chromium at ${chromium}: install Debian's chromium (see README) or set CHROMIUM_PATH`);

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
          executablePath: chromium,
          // Root needs --no-sandbox; the rest keep a closed network from being knocked on.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
        },
      },
    },
    ...(electron.path ? [{ name: 'electron', metadata: { electronPath: electron.path } }] : []),
  ],
});
