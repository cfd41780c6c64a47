import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Store } from 'whatsapp-web.js';

/**
 * A RemoteAuth store that keeps session zips in a folder: test support for the RemoteAuth flow.
 * It avoids the published stores' bugs with 1.34.7 (docs/whatsapp-web.js.md, "RemoteAuth zip path regression"): the zip is read from
 * `dataPath` (not the current directory), extract creates missing folders, save is atomic.
 */
export class FolderStore implements Store {
  constructor(
    private readonly folder: string,
    /** The RemoteAuth dataPath: 1.34.7 writes `<dataPath>/<session>.zip` but never tells the store. */
    private readonly dataPath: string,
  ) {}

  async sessionExists({ session }: { session: string }): Promise<boolean> {
    return stat(this.zipPath(session)).then(() => true, () => false);
  }

  async save({ session }: { session: string }): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const partial = `${this.zipPath(session)}.partial`;
    await copyFile(join(this.dataPath, `${session}.zip`), partial);
    await rename(partial, this.zipPath(session));
  }

  async extract({ session, path }: { session: string; path: string }): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await copyFile(this.zipPath(session), path);
  }

  async delete({ session }: { session: string }): Promise<void> {
    await rm(this.zipPath(session), { force: true });
  }

  zipPath(session: string): string {
    return join(this.folder, `${session}.zip`);
  }
}
