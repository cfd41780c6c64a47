// Stock whatsapp-web.js 1.34.7 against the simulator: pairing code, client.logout(), a session
// revoked while the client was offline, and RemoteAuth backup + restore (docs/whatsapp-web.js.md, "Event sequences per flow").
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalAuth, RemoteAuth } from 'whatsapp-web.js';
import { ClientHarness, linkNewDevice, sleep, TEST_TIMINGS } from './clientHarness';
import { FolderStore } from './FolderStore';
import { SimServer } from './SimServer';

let sim: SimServer;
let harness: ClientHarness;

async function startSim(): Promise<void> {
  sim = new SimServer({ ...TEST_TIMINGS });
  await sim.start();
  harness = new ClientHarness(sim);
}

afterEach(async () => {
  // Nothing may throw inside the page, even where the library would not notice.
  const errors = sim?.pageErrors() ?? [];
  await harness?.cleanup();
  await sim?.stop();
  expect(errors).toEqual([]);
});

/** RemoteAuth with its hard-coded 60 s first-save delay shortened, so the test does not wait a minute. */
class QuickRemoteAuth extends RemoteAuth {
  async delay(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300)));
  }
}

/**
 * The only way 1.34.7 can emit auth_failure: a custom strategy (docs/whatsapp-web.js.md, "auth_failure never fires
 * with the built-in strategies").
 */
class RestoreOnlyLocalAuth extends LocalAuth {
  override onAuthenticationNeeded = async (): Promise<{ failed: boolean; restart: boolean; failureEventPayload: string }> => ({
    failed: true, restart: false, failureEventPayload: 'session revoked',
  });
}

describe('whatsapp-web.js 1.34.7 against the simulator: codes, logout, revocation, RemoteAuth', () => {
  it('pairing code: the code the client emits, entered on the phone, links without any QR', async () => {
    await startSim();
    const dir = await harness.tempDir();
    const issued = sim.waitFor('code');
    const { client, log } = harness.create(dir, {
      pairWithPhoneNumber: { phoneNumber: sim.defaultPhone.number, showNotification: true, intervalMs: 180_000 },
    });
    await client.initialize();

    const code = String((await log.waitFor('code')).args[0]);
    expect(code).toMatch(/^[1-9A-HJ-NP-TV-Z]{8}$/);
    expect(await issued).toEqual(expect.objectContaining({ code, number: sim.defaultPhone.number }));
    expect(sim.pendingQrs()).toEqual([]);
    sim.enterCode(code);
    await log.waitFor('ready', 15_000);

    expect(log.names().filter((n) => n !== 'loading_screen')).toEqual(['code', 'authenticated', 'ready']);
    expect(client.info.wid.user).toBe(sim.defaultPhone.number);
    expect(sim.devices()).toEqual([expect.objectContaining({ via: 'code', online: true })]);
  });

  it('client.logout(): the phone loses the device, the profile folder is deleted, no disconnected event', async () => {
    await startSim();
    const dir = await harness.tempDir();
    const { client, log, deviceId } = await linkNewDevice(harness, sim, dir);
    const unlinked = sim.waitFor('unlinked');
    await client.logout();

    expect(await unlinked).toEqual({ deviceId, number: sim.defaultPhone.number, by: 'device', style: 'logout' });
    expect(sim.devices()).toEqual([]);
    expect(existsSync(join(dir, 'session'))).toBe(false);
    await sleep(500);
    expect(log.names().slice(log.names().indexOf('ready') + 1)).toEqual([]);
  });

  it('revoked while offline: the next start is refused by the server and shows a QR (plain LocalAuth: no auth_failure)', async () => {
    await startSim();
    const dir = await harness.tempDir();
    const first = await linkNewDevice(harness, sim, dir);
    await harness.destroy(first.client);
    const unlinked = sim.waitFor('unlinked');
    sim.unlink(first.deviceId);
    expect((await unlinked).style).toBe('offline');

    const login = sim.waitFor('login');
    const { client, log } = harness.create(dir);
    await client.initialize();
    await log.waitFor('qr', 15_000);
    expect(await login).toEqual({ deviceId: first.deviceId, accepted: false });
    await sleep(500);
    expect(log.names()).toEqual(['qr']);
  });

  it('revoked while offline with a restore-only strategy: auth_failure and the browser closes', async () => {
    await startSim();
    const dir = await harness.tempDir();
    const first = await linkNewDevice(harness, sim, dir);
    await harness.destroy(first.client);
    sim.unlink(first.deviceId);

    const { client, log } = harness.create(dir, { authStrategy: new RestoreOnlyLocalAuth({ dataPath: dir }) });
    await client.initialize();
    expect((await log.waitFor('auth_failure', 15_000)).args).toEqual(['session revoked']);
    expect(log.names()).toEqual(['auth_failure']);
    expect(client.pupBrowser?.isConnected()).toBe(false);
  });

  it('RemoteAuth: the session saved to a folder store restores onto an empty data folder with no QR', async () => {
    await startSim();
    const storeDir = join(await harness.tempDir('store'), 'sessions');
    const firstData = await harness.tempDir('first');
    const remote = (dataPath: string): QuickRemoteAuth =>
      new QuickRemoteAuth({ clientId: 'acc1', dataPath, store: new FolderStore(storeDir, dataPath), backupSyncIntervalMs: 60_000 });

    const first = await linkNewDevice(harness, sim, firstData, { authStrategy: remote(firstData) });
    await first.log.waitFor('remote_session_saved', 20_000);
    const zip = await readFile(new FolderStore(storeDir, firstData).zipPath('RemoteAuth-acc1'));
    // Entry names sit uncompressed in the zip's directory: the session is the origin's storage.
    expect(zip.includes('Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/')).toBe(true);
    expect(zip.includes('Default/Local Storage/')).toBe(true);
    await harness.destroy(first.client);

    // A "new computer": a data folder that does not exist yet.
    const freshData = join(await harness.tempDir('fresh'), 'not-yet-created');
    const login = sim.waitFor('login');
    const { client, log } = harness.create(freshData, { authStrategy: remote(freshData) });
    await client.initialize();
    await log.waitFor('ready', 20_000);
    expect(log.count('qr')).toBe(0);
    expect(await login).toEqual(expect.objectContaining({ deviceId: first.deviceId, accepted: true }));
    expect(client.info.wid.user).toBe(sim.defaultPhone.number);
  });
});
