import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../testing/postgresCluster.js';
import { runStoreContract } from '../testing/storeContract.js';
import { PostgresStore } from './PostgresStore.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
});

runStoreContract('PostgresStore', () => ({
  create: async (o) => new PostgresStore({ connectionString: cluster.url(), ...o }),
  badCredentials: async () => new PostgresStore({ connectionString: cluster.url({ password: 'wrong-password' }) }),
  atAddress: async (host, port) => new PostgresStore({ connectionString: `postgres://postgres:x@${host}:${port}/postgres` }),
  missingContainer: async () => new PostgresStore({ connectionString: cluster.url({ database: 'no_such_db' }) }),
}));

describe('PostgresStore specifics', () => {
  it('a user without CREATE/INSERT rights gets STORE_PERMISSION from testConnection, not a generic error', async () => {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS reader; CREATE ROLE reader LOGIN PASSWORD 'reader-pw'`);
    await admin.end();
    // PostgreSQL 15+ gives ordinary users no CREATE on schema public, so first use cannot make the tables.
    const store = new PostgresStore({ connectionString: cluster.url({ user: 'reader', password: 'reader-pw' }), tablePrefix: 'perm_test' });
    try {
      await expect(store.testConnection()).rejects.toMatchObject({ code: 'STORE_PERMISSION' });
    } finally {
      await store.close();
    }
  });

  it('keeps the password out of the description and error messages', async () => {
    const store = new PostgresStore({ connectionString: cluster.url({ password: 'hunter2-secret' }) });
    try {
      const err = (await store.testConnection().catch((e: unknown) => e)) as Error;
      expect(err.message).not.toContain('hunter2');
      expect(store.description).toBe('PostgreSQL database "postgres" at 127.0.0.1:' + cluster.port);
    } finally {
      await store.close();
    }
  });
});
