import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AppDatabase } from '../db/AppDatabase';
import { SettingsRepo } from '../db/SettingsRepo';
import { AppError } from '../errors';
import { silentLogger } from '../log';
import { settingsHandlers, type SettingsCommandDeps } from './commands';
import { SettingsService } from './SettingsService';

const dirs: string[] = [];
const dbs: AppDatabase[] = [];
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function handlers(over: Partial<SettingsCommandDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'settings-commands-'));
  dirs.push(dir);
  const db = AppDatabase.open(dir);
  dbs.push(db);
  const settings = new SettingsService({ repo: new SettingsRepo(db.db), checkBrowser: async (p) => ({ path: p, version: 'Chrome/1' }), log: silentLogger });
  return settingsHandlers({ settings, findBrowser: () => null, dataDir: dir, workDir: dir, ...over });
}

it('checks one browser at a time, however often "Check" is asked', async () => {
  let running = 0;
  let most = 0;
  const h = handlers({
    check: async (path) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
      if (path.includes('bad')) throw new AppError('BROWSER_UNUSABLE', `${path} did not start as a browser: it exited`, 'browserPath');
      return { path, version: 'Chrome/131' };
    },
  });
  const results = await Promise.allSettled(['/a/chrome', '/bad/chrome', '/c/chrome'].map((path) => h['settings.checkBrowser']({ path })));
  expect(most).toBe(1);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
});

it('browser mode cannot open a folder and says where it is; the desktop app opens it, or says why not', async () => {
  const web = handlers();
  await expect(web['app.openDataFolder'](undefined)).rejects.toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringMatching(/^Opening a folder works in the desktop app\. The data folder is \//) });
  const opened: string[] = [];
  const desktop = handlers({ openFolder: async (p) => void opened.push(p) });
  const answer = await desktop['app.openDataFolder'](undefined);
  expect(opened).toEqual([answer.path]);
  const broken = handlers({ openFolder: async () => Promise.reject(new Error('no file manager')) });
  await expect(broken['app.openDataFolder'](undefined)).rejects.toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringMatching(/could not be opened \(no file manager\)/) });
});

it('says which browser accounts start in, or that there is none', async () => {
  expect(await handlers()['settings.browsers'](undefined)).toMatchObject({ inUse: null });
  const found = handlers({ findBrowser: () => ({ executablePath: '/opt/chrome', source: 'setting', headlessShell: false }) });
  expect((await found['settings.browsers'](undefined)).inUse).toEqual({ path: '/opt/chrome', source: 'setting', headlessShell: false });
});
