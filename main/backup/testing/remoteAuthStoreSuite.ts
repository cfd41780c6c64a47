import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REMOTE_AUTH_STORE_CASES, RemoteAuthStoreCheck, type RemoteAuthStoreLike } from './remoteAuthStoreContract.js';

type ClosableStore = RemoteAuthStoreLike & { close?(): Promise<void> };

/**
 * The cases `npm run store:check` runs (remoteAuthStoreContract.ts), one Vitest test each. `make` gets
 * RemoteAuth's dataPath (also the current directory while a case runs) and is called in beforeAll, so it
 * may use servers started in the caller's beforeAll.
 */
export function describeRemoteAuthStoreContract(label: string, make: (context: { dataPath: string }) => Promise<ClosableStore>): void {
  describe(`${label} as a stock RemoteAuth store (store:check cases)`, () => {
    let workDir: string;
    let store: ClosableStore | undefined;
    let check: RemoteAuthStoreCheck;

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'remoteauth-contract-'));
      store = await make({ dataPath: workDir });
      check = new RemoteAuthStoreCheck(store, { workDir });
    });
    afterAll(async () => {
      if (store) {
        const left = await check.cleanup();
        if (left.length) console.log(`${label}: could not delete the contract's sessions ${left.join(', ')}`);
        await store.close?.();
      }
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    for (const c of REMOTE_AUTH_STORE_CASES) {
      it(c.name, async (ctx) => {
        const r = await check.run(c);
        if (r.status === 'skipped') {
          console.log(`SKIPPED "${c.name}": ${r.detail}`);
          ctx.skip();
        }
        if (r.status === 'failed') throw new Error(r.detail);
      }, 120_000);
    }
  });
}
