// A good store for `store:check`: the folder store of the RemoteAuth interop tests (e2e/sim/FolderStore.ts),
// which reads the zip from RemoteAuth's dataPath, handed to this factory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderStore } from '../../e2e/sim/FolderStore';

export default async function createStore({ dataPath }: { dataPath: string }) {
  const folder = await mkdtemp(join(tmpdir(), 'sim-folder-store-'));
  const store = new FolderStore(folder, dataPath);
  return Object.assign(store, { close: () => rm(folder, { recursive: true, force: true }) });
}
