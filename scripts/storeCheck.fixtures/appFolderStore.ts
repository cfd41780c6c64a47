// The app's own folder store (main/backup/stores/FolderStore.ts) as a RemoteAuth store: told RemoteAuth's
// dataPath through remoteAuthZipDir, as a whatsapp-web.js user would plug it in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderStore } from '../../main/backup/stores/FolderStore';

export async function createStore({ dataPath }: { dataPath: string }) {
  const root = await mkdtemp(join(tmpdir(), 'app-folder-store-'));
  const store = new FolderStore({ root, remoteAuthZipDir: dataPath });
  return Object.assign(store, {
    close: async () => {
      await FolderStore.prototype.close.call(store);
      await rm(root, { recursive: true, force: true });
    },
  });
}
