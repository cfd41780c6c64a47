import { describe, expect, it } from 'vitest';
import { closedPort, startHangingServer } from '../testing/hangingServer.js';
import { describeRemoteAuthStoreContract } from '../testing/remoteAuthStoreSuite.js';
import { runStoreContract } from '../testing/storeContract.js';
import { MongoStore } from './MongoStore.js';

// No MongoDB server, nor one speaking its wire protocol well enough for GridFS, installs on the build machines
// (docs/stores.md, "MongoDB for tests"): the suite needs a server given by MONGODB_URI, e.g.
// mongodb://user:pass@127.0.0.1:27017/wa_backup_test?authSource=admin
const uri = process.env['MONGODB_URI'];

if (!uri) {
  const reason =
    'MONGODB_URI is not set, and no MongoDB server installs here: Debian has none, mongodb-memory-server downloads its binary, ' +
    "and @push.rocks/smartmongo's wire-compatible servers do not install from the npm registry (missing dependencies; docs/stores.md, \"MongoDB for tests\"). " +
    'Set MONGODB_URI to run the MongoStore contract.';
  console.log(`SKIPPED MongoStore contract: ${reason}`);
  describe('MongoStore store contract', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
  describe('MongoStore as a stock RemoteAuth store (store:check cases)', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
  // These need no MongoDB server, so they run everywhere.
  describe('MongoStore without a server', () => {
    it('a refused port is STORE_UNREACHABLE/REFUSED within 10 s, and sessionExists rejects instead of answering false', async () => {
      const store = new MongoStore({ uri: `mongodb://127.0.0.1:${await closedPort()}/t?directConnection=true` });
      try {
        const t0 = Date.now();
        await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE', reason: 'REFUSED' });
        expect(Date.now() - t0).toBeLessThan(10_000);
        await expect(store.sessionExists({ session: 'RemoteAuth-x' })).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
      } finally {
        await store.close();
      }
    }, 40_000);
    it('a server that accepts but never answers is STORE_UNREACHABLE within 10 s', async () => {
      const hang = await startHangingServer();
      const store = new MongoStore({ uri: `mongodb://127.0.0.1:${hang.port}/t?directConnection=true` });
      try {
        const t0 = Date.now();
        await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
        expect(Date.now() - t0).toBeLessThan(10_500);
      } finally {
        await store.close();
        await hang.close();
      }
    }, 30_000);
  });
} else {
  const withCredentials = (user: string, password: string) => {
    const u = new URL(uri);
    u.username = user;
    u.password = password;
    return u.toString();
  };
  runStoreContract('MongoStore', () => ({
    create: async (o) => new MongoStore({ uri, ...o }),
    badCredentials: new URL(uri).username
      ? async () => new MongoStore({ uri: withCredentials(new URL(uri).username, 'wrong-password') })
      : { unsupported: 'MONGODB_URI has no user name, so the server is assumed to run without authentication' },
    atAddress: async (host, port) => new MongoStore({ uri: `mongodb://${host}:${port}/wa_backup_test?directConnection=true` }),
    missingContainer: { unsupported: 'MongoDB creates databases on first write, so a database cannot be "missing"' },
  }));
  // wwebjs-mongo's layout, so stock RemoteAuth (and wwebjs-mongo users) can use it: told the dataPath, as 1.34.7 needs.
  describeRemoteAuthStoreContract('MongoStore', async ({ dataPath }) => new MongoStore({ uri, remoteAuthZipDir: dataPath }));
}
