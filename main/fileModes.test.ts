import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApp } from './index';
import { silentLogger } from './log';

const root = mkdtempSync(join(tmpdir(), 'filemodes-'));
const savedUmask = process.umask();
afterAll(() => {
  process.umask(savedUmask);
  rmSync(root, { recursive: true, force: true });
});
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

it.skipIf(process.platform === 'win32')('the app keeps its data folder private: folders 0700, files 0600, whoever writes them', async () => {
  process.umask(0o022); // a typical login's umask
  const dataDir = join(root, 'fresh');
  const app = await createApp({ dataDir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
  try {
    await app.backup.keyStatus();
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'app.sqlite'))).toBe('600');
    expect(mode(join(dataDir, 'keys'))).toBe('700');
    // Anything written later under the folder (a browser's profile, a restored archive) is private too.
    mkdirSync(join(dataDir, 'sessions', 'session-x'), { recursive: true });
    writeFileSync(join(dataDir, 'sessions', 'session-x', 'Cookies'), 'x');
    expect(mode(join(dataDir, 'sessions', 'session-x'))).toBe('700');
    expect(mode(join(dataDir, 'sessions', 'session-x', 'Cookies'))).toBe('600');
  } finally {
    await app.stop();
  }
});

it.skipIf(process.platform === 'win32')('a data folder an older version left readable by others is tightened at start', async () => {
  process.umask(0o022);
  const dataDir = join(root, 'old');
  mkdirSync(join(dataDir, 'sessions', 'session-a', 'Default'), { recursive: true, mode: 0o755 });
  writeFileSync(join(dataDir, 'sessions', 'session-a', 'Default', 'Local State'), '{}', { mode: 0o644 });
  const app = await createApp({ dataDir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
  await app.stop();
  expect(mode(dataDir)).toBe('700');
  expect(mode(join(dataDir, 'sessions', 'session-a', 'Default'))).toBe('700');
  expect(mode(join(dataDir, 'sessions', 'session-a', 'Default', 'Local State'))).toBe('600');
});

it('a second app on the same data folder is refused while the first runs, and may start once it stopped', async () => {
  const dataDir = join(root, 'shared');
  const first = await createApp({ dataDir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
  await expect(createApp({ dataDir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
  await first.stop();
  const second = await createApp({ dataDir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
  await second.stop();
});
