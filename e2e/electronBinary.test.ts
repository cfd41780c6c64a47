// Playwright's config asks where Electron is; asking must never start a download (Electron 42+ does,
// on `require('electron')`, in the foreground).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { electronBinary } from './electronBinary';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'electron-binary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe('electronBinary', () => {
  it('finds an executable under ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dist = path.join(tmp, 'dist');
    // The executable's name inside the folder is path.txt's, where npm's electron wrote one.
    const pathTxt = path.join(root, 'node_modules/electron/path.txt');
    const exe = path.join(dist, existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron');
    mkdirSync(path.dirname(exe), { recursive: true });
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dist);
    expect(electronBinary()).toEqual({ path: exe, why: '' });
  });

  it('says where it looked when the override folder has no executable', () => {
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', path.join(tmp, 'empty'));
    expect(electronBinary()).toMatchObject({ path: null, why: expect.stringContaining(path.join(tmp, 'empty')) });
  });

  const hasBinary = existsSync(path.join(root, 'node_modules/electron/path.txt'));
  it.skipIf(hasBinary)('with no binary downloaded, says so at once and downloads nothing', () => {
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', '');
    // Were anything to download, it would try this closed port and fail with another message.
    vi.stubEnv('ELECTRON_MIRROR', 'http://127.0.0.1:1/');
    const started = Date.now();
    expect(electronBinary()).toEqual({ path: null, why: 'no Electron binary downloaded yet; `npm start` fetches it where GitHub can be reached' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(existsSync(path.join(root, 'node_modules/electron/path.txt'))).toBe(false);
  });
});
