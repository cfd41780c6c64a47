import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runStoreContract } from '../testing/storeContract.js';
import { FolderStore } from './FolderStore.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'folder-store-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

runStoreContract('FolderStore', () => ({
  create: async (o) => new FolderStore({ root, ...o }),
  badCredentials: { unsupported: 'a folder has no credentials; access is whatever the operating system grants' },
  atAddress: { unsupported: 'a folder has no network address; an unmounted share shows up as the missing-folder case' },
  missingContainer: async () => new FolderStore({ root: join(root, 'not-mounted', 'share') }),
}));
