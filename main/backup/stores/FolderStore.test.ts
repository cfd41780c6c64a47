import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('FolderStore lease file', () => {
  it('a lease file torn by a crash mid-write counts as free: the next install takes it, then holds it', async () => {
    const store = new FolderStore({ root });
    await mkdir(join(root, 'RemoteAuth-torn'), { recursive: true });
    await writeFile(join(root, 'RemoteAuth-torn', 'lease.json'), '{"owner":"host-a","acq');
    expect(await store.readLease('RemoteAuth-torn')).toBeNull();
    expect(await store.acquireLease('RemoteAuth-torn', 'host-b', 60_000)).toMatchObject({ acquired: true, lease: { owner: 'host-b' } });
    expect(await store.acquireLease('RemoteAuth-torn', 'host-c', 60_000)).toMatchObject({ acquired: false, holder: { owner: 'host-b' } });
  });

  it('of two installs asking at the same moment, exactly one gets the lease and the other is told who has it', async () => {
    const store = new FolderStore({ root });
    const [a, b] = await Promise.all([store.acquireLease('RemoteAuth-race', 'host-a', 60_000), store.acquireLease('RemoteAuth-race', 'host-b', 60_000)]);
    expect([a.acquired, b.acquired].filter(Boolean)).toHaveLength(1);
    const winner = a.acquired ? a.lease.owner : b.acquired ? b.lease.owner : '';
    expect(a.acquired ? b : a).toMatchObject({ acquired: false, holder: { owner: winner } });
  });
});
