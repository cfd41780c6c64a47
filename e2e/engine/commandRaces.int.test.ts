// Commands on one account run one at a time (main/ipc/perAccount.ts). Each race below was real: a remove
// during a restore brought the account back (the restore adopted it afterwards), and a start during the
// restore launched a browser on the profile being swapped.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { profileDir } from '../../main/accounts/sessionFolder';
import { SimServer } from '../sim/SimServer';
import { call, Cleanups, EngineHarness, FAST_SIM, fastEngine } from './harness';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function linkedAndBackedUp() {
  const sim = new SimServer(FAST_SIM);
  await sim.start();
  cleanups.add(() => sim.stop());
  const h = new EngineHarness(sim, () => fastEngine(sim), { firstDelayMs: 60_000, leaseTtlMs: 10_000, retryBaseMs: 1_000, quitBudgetMs: 10_000 });
  await h.open();
  cleanups.add(() => h.dispose());
  const store = await call(h, 'stores.save', { name: 'USB drive', settings: { kind: 'folder', path: cleanups.folder('wa-race-store-') } });
  const acc = h.accounts.add('Work');
  await h.link(acc.id);
  await call(h, 'backup.configure', { accountId: acc.id, enabled: true, storeId: store.id });
  await call(h, 'backup.runNow', { accountId: acc.id });
  return { h, sim, id: acc.id, storeId: store.id };
}

/** Browser processes (not helpers) whose profile is exactly `dir`. */
function browsersOn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const args = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
        return args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='));
      } catch {
        return false;
      }
    })
    .map(Number);
}

it('a remove asked during a restore happens after it, and the account stays removed', async () => {
  const { h, id, storeId } = await linkedAndBackedUp();
  const restoring = call(h, 'backup.restore', { storeId, accountId: id, replace: true });
  const removing = call(h, 'accounts.remove', { id });
  const [restored, removed] = await Promise.allSettled([restoring, removing]);
  expect(restored.status).toBe('fulfilled');
  expect(removed).toEqual({ status: 'fulfilled', value: { id } });
  expect(h.accounts.list().map((a) => a.id)).not.toContain(id);
  expect(await call(h, 'accounts.list')).toEqual([]);
}, 120_000);

it('a start asked during a restore waits for the swap: Ready on the restored profile, with no QR', async () => {
  const { h, sim, id, storeId } = await linkedAndBackedUp();
  const seen = h.record(id);
  const restoring = call(h, 'backup.restore', { storeId, accountId: id, replace: true });
  // The restore has stopped the account and is now unpacking the backup: start it right then.
  await h.waitFor(id, ['stopped']);
  const order: string[] = [];
  const starting = call(h, 'accounts.start', { id }).finally(() => order.push('start answered'));
  void restoring.finally(() => order.push('restore answered'));
  const [restored, started] = await Promise.allSettled([restoring, starting]);
  // The start was held until the restore had swapped the profile in and started the account itself.
  expect(order).toEqual(['restore answered', 'start answered']);
  expect(restored.status).toBe('fulfilled');
  expect(started.status).toBe('fulfilled');
  expect(await h.waitFor(id, ['ready', 'qr', 'failed', 'logged-out'])).toMatchObject({ kind: 'ready', phoneNumber: sim.defaultPhone.number });
  expect(seen.map((s) => s.kind)).not.toContain('qr');
  // Exactly one browser, on the account's profile folder (not on a folder the swap moved aside).
  expect(browsersOn(profileDir(h.dataDir + '/sessions', id))).toHaveLength(1);
}, 120_000);
