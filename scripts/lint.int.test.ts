// Proves each import boundary of eslint.config.mjs with ESLint's own Node API, on code given as text
// under a path of the repository (the files need not exist).
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(relPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relPath) });
  if (!result) throw new Error(`ESLint returned no result for ${relPath}`);
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('lint import boundaries', () => {
  it('refuses Node built-ins in the renderer, with or without node:', async () => {
    expect(await ruleIds('renderer/Widget.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/Widget.tsx', "import path from 'path';\nexport const x = path;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/store.ts', "export const x = () => import('child_process');\n")).toContain('no-restricted-syntax');
  });

  it("refuses 'electron' in the renderer", async () => {
    expect(await ruleIds('renderer/App.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toContain('no-restricted-imports');
  });

  it("refuses 'electron' in main/ outside main/electron/, also through require() and import()", async () => {
    expect(await ruleIds('main/accounts/AccountManager.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/db/x.ts', "import type { App } from 'electron';\nexport type X = App;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/backup/x.ts', "export const x = () => import('electron');\n")).toContain('no-restricted-syntax');
  });

  it("refuses 'electron' in the browser bridge preload/web.ts", async () => {
    expect(await ruleIds('preload/web.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toContain('no-restricted-imports');
  });

  it("lets main/electron/ and the Electron preload import 'electron', and main/ use Node built-ins", async () => {
    expect(await ruleIds('main/electron/window.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n")).toEqual([]);
    expect(await ruleIds('preload/index.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n")).toEqual([]);
    expect(await ruleIds('main/db/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
  });

  it('keeps accounts from importing backup, by import, import type, import() and require()', async () => {
    expect(await ruleIds('main/accounts/AccountManager.ts', "import { BackupService } from '../backup/BackupService';\nexport const x = BackupService;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/accounts/x.ts', "import type { BackupSettings } from '../backup/BackupService';\nexport type X = BackupSettings;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/accounts/x.test.ts', "import { storeError } from '../backup/StoreRegistry';\nexport const x = storeError;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/accounts/x.ts', "export const x = () => import('../backup/LeaseKeeper');\n")).toContain('no-restricted-syntax');
    expect(await ruleIds('main/accounts/x.ts', "export const x = require('../backup/LeaseKeeper');\n")).toContain('no-restricted-syntax');
    // The electron rule still holds there.
    expect(await ruleIds('main/accounts/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
  });

  it('lets backup import only AccountsPort of accounts', async () => {
    expect(await ruleIds('main/backup/BackupService.ts', "import { profileDir } from '../accounts/sessionFolder';\nexport const x = profileDir;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/backup/x.ts', "import type { AccountManager } from '../accounts/AccountManager';\nexport type X = AccountManager;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/backup/stores/x.ts', "import type { AccountSession } from '../../accounts/AccountSession';\nexport type X = AccountSession;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/backup/x.ts', "export const x = () => import('../accounts/AccountManager');\n")).toContain('no-restricted-syntax');
    expect(await ruleIds('main/backup/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/backup/BackupService.ts', "import type { AccountsForBackup } from '../accounts/AccountsPort';\nexport type X = AccountsForBackup;\n")).toEqual([]);
    expect(await ruleIds('main/backup/stores/x.ts', "import { isOpenedElsewhere } from '../../accounts/AccountsPort';\nexport const x = isOpenedElsewhere;\n")).toEqual([]);
  });

  it('lets the composition root and the account view import both', async () => {
    const both = "import { BackupService } from './backup/BackupService';\nimport { AccountManager } from './accounts/AccountManager';\nexport const x = [BackupService, AccountManager];\n";
    expect(await ruleIds('main/index.ts', both)).toEqual([]);
    expect(await ruleIds('main/accountView.ts', both)).toEqual([]);
  });

  it('ignores build output', async () => {
    expect(await eslint.isPathIgnored(path.join(root, 'dist/main/electron.cjs'))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(root, 'release/linux-unpacked/x.js'))).toBe(true);
  });
});
