// Our backups and stock RemoteAuth 1.34.7 understand each other (design decision 2): stock RemoteAuth,
// given our FolderStore as its Store, restores an export we made with encryption off; and a backup that
// stock RemoteAuth made through our store restores here and reaches Ready with no QR.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { RemoteAuth } from 'whatsapp-web.js';
import { FolderStore } from '../../main/backup/stores/FolderStore';
import { ClientHarness, linkNewDevice } from '../sim/clientHarness';
import { SimServer } from '../sim/SimServer';
import { call, Cleanups, EngineHarness, FAST_SIM, fastEngine } from './harness';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** RemoteAuth's first save waits a hard-coded 60 s; shortened so the test does not wait a minute. */
class QuickRemoteAuth extends RemoteAuth {
  async delay(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300)));
  }
}




async function setup() {
  const sim = new SimServer(FAST_SIM);
  await sim.start();
  cleanups.add(() => sim.stop());
  const stock = new ClientHarness(sim);
  cleanups.add(() => stock.cleanup());
  return { sim, stock };
}

it('stock RemoteAuth restores a plain export made by the app, with no QR', async () => {
  const { sim, stock } = await setup();
  const h = new EngineHarness(sim, () => fastEngine(sim));
  await h.open();
  cleanups.add(() => h.dispose());
  const root = cleanups.folder('wa-interop-');
  const store = await call(h, 'stores.save', { name: 'Export', settings: { kind: 'folder', path: root } });
  const acc = h.accounts.add('Work');
  await h.link(acc.id);
  await call(h, 'backup.configure', { accountId: acc.id, enabled: true, storeId: store.id, encrypt: false });
  await call(h, 'backup.runNow', { accountId: acc.id });
  await h.close();

  // A whatsapp-web.js user elsewhere: RemoteAuth with our store class, on an empty data folder.
  const dataPath = join(cleanups.folder('wa-stock-'), 'not-yet-created');
  const { client, log } = stock.create(dataPath, {
    authStrategy: new QuickRemoteAuth({ clientId: acc.id, dataPath, store: new FolderStore({ root, remoteAuthZipDir: dataPath }), backupSyncIntervalMs: 60_000 }),
  });
  await client.initialize();
  await log.waitFor('ready', 30_000);
  expect(log.count('qr')).toBe(0);
  expect(client.info.wid.user).toBe(sim.defaultPhone.number);
  // Before its folders go: a live RemoteAuth keeps touching its store (docs/whatsapp-web.js.md, "RemoteAuth: a destroyed client keeps saving").
  await stock.destroy(client);
}, 120_000);

it('a backup made by stock RemoteAuth through our store is imported and reaches Ready with no QR', async () => {
  const { sim, stock } = await setup();
  const root = cleanups.folder('wa-interop-');
  const dataPath = cleanups.folder('wa-stock-');
  const clientId = 'from-remoteauth';
  const made = await linkNewDevice(stock, sim, dataPath, {
    authStrategy: new QuickRemoteAuth({ clientId, dataPath, store: new FolderStore({ root, remoteAuthZipDir: dataPath }), backupSyncIntervalMs: 60_000 }),
  });
  await made.log.waitFor('remote_session_saved', 30_000);
  await stock.destroy(made.client);

  const h = new EngineHarness(sim, () => fastEngine(sim));
  await h.open();
  cleanups.add(() => h.dispose());
  const store = await call(h, 'stores.save', { name: 'RemoteAuth folder', settings: { kind: 'folder', path: root } });
  const found = await call(h, 'backup.listRemote', { storeId: store.id });
  expect(found).toEqual([expect.objectContaining({ accountId: clientId, versions: [expect.objectContaining({ encrypted: false })] })]);
  const seen: string[] = [];
  const restored = await call(h, 'backup.restore', { storeId: store.id, accountId: clientId, label: 'Imported', allowPlain: true });
  h.accounts.sessionOf(restored.id).on('state', (s) => seen.push(s.kind));
  expect(await h.waitFor(clientId, ['ready', 'qr', 'failed', 'logged-out'])).toMatchObject({ kind: 'ready', phoneNumber: sim.defaultPhone.number });
  expect(seen).not.toContain('qr');
  expect(h.account(clientId).label).toBe('Imported');
}, 120_000);
