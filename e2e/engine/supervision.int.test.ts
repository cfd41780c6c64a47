import { existsSync, symlinkSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimServer } from '../sim/SimServer';
import type { SimOptions } from '../sim/types';
import type { SessionSettings } from '../../main/accounts/AccountSession';
import { EngineHarness, FAST_SIM, fastEngine } from './harness';

let sim: SimServer | undefined;
let h: EngineHarness | undefined;

async function setup(simOpts: SimOptions = {}, engine: Partial<SessionSettings> = {}): Promise<EngineHarness> {
  sim = new SimServer({ ...FAST_SIM, ...simOpts });
  await sim.start();
  const s = sim;
  h = new EngineHarness(s, () => fastEngine(s, engine));
  await h.open();
  return h;
}

afterEach(async () => {
  await h?.dispose();
  await sim?.stop();
  h = undefined;
  sim = undefined;
});

describe('supervision', () => {
  it('a killed browser comes back to Ready with no QR, and the timeline says why', async () => {
    const h = await setup();
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const pid = h.accounts.sessionOf(acc.id).browserPid!;
    const seen = h.record(acc.id);
    process.kill(pid, 'SIGKILL');
    await h.waitFor(acc.id, ['reconnecting']);
    await h.waitFor(acc.id, ['ready']);
    expect(seen.map((s) => s.kind)).not.toContain('qr');
    expect(h.accounts.sessionOf(acc.id).browserPid).not.toBe(pid);
    const reasons = h.accounts.timeline(acc.id).map((e) => `${e.state}: ${e.reason}`);
    expect(reasons.some((r) => /^reconnecting: BROWSER_EXITED/.test(r))).toBe(true);
  });

  it('CONFLICT is terminal: failed with an explanation and no retry loop; Retry takes over', async () => {
    const h = await setup();
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const device = sim!.devices().find((d) => d.online)!;
    sim!.pushState(device.deviceId, 'CONFLICT');
    const failed = await h.waitFor(acc.id, ['failed']);
    expect(failed).toMatchObject({ kind: 'failed', code: 'CONFLICT' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.account(acc.id).session.kind).toBe('failed');
    expect(h.accounts.sessionOf(acc.id).running).toBe(false);
    h.accounts.retry(acc.id);
    await h.waitFor(acc.id, ['ready']);
  });

  it('a TIMEOUT shows reconnecting and returns to Ready by itself', async () => {
    const h = await setup();
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const device = sim!.devices().find((d) => d.online)!;
    sim!.pushState(device.deviceId, 'TIMEOUT');
    await h.waitFor(acc.id, ['reconnecting']);
    sim!.pushState(device.deviceId, 'CONNECTED');
    expect(await h.waitFor(acc.id, ['ready'])).toMatchObject({ phoneNumber: sim!.defaultPhone.number });
  });

  it('pauses after N unscanned QR codes instead of looping, and Show a new QR starts again', async () => {
    const h = await setup({ firstRefMs: 1500, laterRefMs: 1000 }, { qrLimit: 3, qrFirstTtlMs: 1500, qrLaterTtlMs: 1000 });
    const acc = h.accounts.add('Work');
    const paused = await h.waitFor(acc.id, ['qr-paused'], 20_000);
    expect(paused).toEqual({ kind: 'qr-paused', shown: 3 });
    expect(h.accounts.sessionOf(acc.id).running).toBe(false);
    h.accounts.retry(acc.id);
    const qr = await h.waitFor(acc.id, ['qr']);
    expect(qr).toMatchObject({ kind: 'qr', shown: 1, limit: 3 });
  });

  it('when WhatsApp stops issuing QR codes (UNPAIRED_IDLE) the account gets a fresh one', async () => {
    const h = await setup({ firstRefMs: 1500, laterRefMs: 1500, refCount: 2 }, { qrLimit: 6, qrFirstTtlMs: 1500, qrLaterTtlMs: 1500 });
    const acc = h.accounts.add('Work');
    await sim!.waitFor('idle', () => true, 20_000);
    // QRs issued after the page went idle can only come from the app's refresh.
    const afterIdle = new Set<string>();
    sim!.on('qr', (q) => afterIdle.add(q.qr));
    const shownQr = () => {
      const s = h.account(acc.id).session;
      return s.kind === 'qr' ? s.qr : '';
    };
    await expect.poll(() => afterIdle.has(shownQr()), { timeout: 20_000 }).toBe(true);
    // Scan what the card shows; on a loaded machine it may rotate meanwhile, then scan the newer one.
    for (let attempt = 0; ; attempt++) {
      try {
        sim!.scan(shownQr());
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'QR_EXPIRED' || attempt >= 3) throw err;
      }
    }
    await h.waitFor(acc.id, ['ready']);
  });

  it('signed in but never ready (a WhatsApp module missing) trips the watchdog and ends in failed, not a hang', async () => {
    const h = await setup({ omitModules: ['WAWebCollections'] }, { timeouts: { pageMs: 30_000, authToReadyMs: 2_000, syncMs: 20_000, teardownMs: 5_000 }, backoff: { baseMs: 200, capMs: 500, maxAttempts: 1, jitter: 0 } });
    const acc = h.accounts.add('Work');
    const qr = await h.waitFor(acc.id, ['qr']);
    sim!.scan(qr.kind === 'qr' ? qr.qr : '');
    const failed = await h.waitFor(acc.id, ['failed'], 40_000);
    expect(failed).toMatchObject({ kind: 'failed', code: 'READY_TIMEOUT' });
    expect(failed.kind === 'failed' && failed.message).toMatch(/Signed in, but WhatsApp did not finish loading/);
    expect(h.accounts.timeline(acc.id).map((e) => e.state)).toContain('reconnecting');
  }, 60_000);

  it('three accounts stay isolated: each its own phone, browser and profile; unlinking one leaves the others Ready', async () => {
    const h = await setup();
    const phones = ['15550000011', '15550000012', '15550000013'].map((n, i) => sim!.addPhone({ number: n, pushname: `P${i}` }));
    const accs = ['A', 'B', 'C'].map((l) => h.accounts.add(l));
    for (const [i, a] of accs.entries()) {
      const ready = await h.link(a.id, phones[i]!.number);
      expect(ready).toMatchObject({ phoneNumber: phones[i]!.number, pushName: `P${i}` });
    }
    const pids = accs.map((a) => h.accounts.sessionOf(a.id).browserPid);
    expect(new Set(pids).size).toBe(3);
    const bDevice = sim!.devices(phones[1]!.number).find((d) => d.online)!;
    sim!.unlink(bDevice.deviceId);
    await h.waitFor(accs[1]!.id, ['logged-out']);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.account(accs[0]!.id).session.kind).toBe('ready');
    expect(h.account(accs[2]!.id).session.kind).toBe('ready');
    for (const a of accs) expect(existsSync(join(h.dataDir, 'sessions', `session-${a.id}`))).toBe(a.id !== accs[1]!.id);
  });

  it('a profile held by some other program is explained, never killed', async () => {
    const h = await setup();
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    await h.accounts.stopAccount(acc.id);
    // A live process that is not a browser on this profile "holds" the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const profile = join(h.dataDir, 'sessions', `session-${acc.id}`);
      mkdirSync(profile, { recursive: true });
      symlinkSync(`${hostname()}-${other.pid}`, join(profile, 'SingletonLock'));
      h.accounts.startAccount(acc.id);
      const failed = await h.waitFor(acc.id, ['failed']);
      expect(failed).toMatchObject({ kind: 'failed', code: 'PROFILE_LOCKED' });
      expect(failed.kind === 'failed' && failed.message).toMatch(/in use by program node/);
      expect(other.exitCode).toBeNull();
    } finally {
      other.kill();
    }
  });
});
