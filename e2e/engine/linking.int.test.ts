import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimServer } from '../sim/SimServer';
import { EngineHarness, FAST_SIM, fastEngine } from './harness';

let sim: SimServer;
let h: EngineHarness;

// A fresh simulator per test: phones remember their linked devices (at most 4), as real ones do.
beforeEach(async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  h = new EngineHarness(sim, () => fastEngine(sim));
  await h.open();
});
afterEach(async () => {
  await h.dispose();
  await sim.stop();
});

describe('linking and restoring', () => {
  it('shows exactly the QR the phone sees, becomes Ready with the number and name, and restores with no QR', async () => {
    const issued = sim.waitFor('qr');
    const acc = h.accounts.add('Work');
    const qr = await h.waitFor(acc.id, ['qr']);
    expect(qr.kind === 'qr' && qr.qr).toBe((await issued).qr);
    expect(qr.kind === 'qr' && qr.qrImage).toMatch(/^data:image\/png;base64,/);
    sim.scan((await issued).qr);
    const ready = await h.waitFor(acc.id, ['ready']);
    expect(ready).toEqual({ kind: 'ready', phoneNumber: sim.defaultPhone.number, pushName: sim.defaultPhone.pushname });
    expect(h.account(acc.id).linked).toBe(true);

    await h.restart();
    const seen = h.record(acc.id);
    await h.waitFor(acc.id, ['ready']);
    expect(seen.map((s) => s.kind)).not.toContain('qr');
    expect(seen[0]).toEqual({ kind: 'starting', phase: 'restore' });
    // Nothing of the library's lands in the current directory (its defaults would).
    expect(existsSync(join(process.cwd(), '.wwebjs_cache'))).toBe(false);
    expect(existsSync(join(process.cwd(), '.wwebjs_auth'))).toBe(false);
    expect(readdirSync(join(h.dataDir, 'sessions'))).toEqual([`session-${acc.id}`]);
  });

  it.each(['bridge', 'state'] as const)('unlinked from the phone (%s style): logged out, re-linking works and survives a restart', async (style) => {
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const device = sim.devices().find((d) => d.online)!;
    const attention: string[] = [];
    h.accounts.on('attention', (n) => attention.push(n.title));
    sim.unlink(device.deviceId, { style });
    const out = await h.waitFor(acc.id, ['logged-out']);
    expect(out).toMatchObject({ kind: 'logged-out', reason: 'unlinked-from-phone' });
    expect(out.kind === 'logged-out' && out.message).toMatch(/Logged out from your phone/);
    expect(attention).toEqual(['Work: Logged out from your phone']);
    expect(h.account(acc.id).linked).toBe(false);
    expect(existsSync(join(h.dataDir, 'sessions', `session-${acc.id}`))).toBe(false);

    h.accounts.retry(acc.id);
    await h.link(acc.id);
    await h.restart();
    const seen = h.record(acc.id);
    await h.waitFor(acc.id, ['ready']);
    expect(seen.map((s) => s.kind)).not.toContain('qr');
    expect(h.accounts.timeline(acc.id).map((e) => e.state)).toContain('logged-out');
  });

  it('links with a phone number and the 8-character code', async () => {
    const acc = h.accounts.add('Sales');
    await h.waitFor(acc.id, ['qr']);
    h.accounts.linkWithPhone(acc.id, sim.defaultPhone.number);
    const code = await h.waitFor(acc.id, ['pairing-code']);
    expect(code.kind === 'pairing-code' && code.code).toMatch(/^[A-Z0-9]{8}$/);
    sim.enterCode(code.kind === 'pairing-code' ? code.code : '');
    expect(await h.waitFor(acc.id, ['ready'])).toMatchObject({ kind: 'ready', phoneNumber: sim.defaultPhone.number });
  });

  it('logging out here unlinks the device on the phone and deletes the local session', async () => {
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const before = sim.devices().filter((d) => d.online).length;
    await h.accounts.logout(acc.id);
    expect(h.account(acc.id).session).toMatchObject({ kind: 'logged-out', reason: 'logged-out-here' });
    expect(sim.devices().length).toBe(before - 1);
    expect(existsSync(join(h.dataDir, 'sessions', `session-${acc.id}`))).toBe(false);
  });

  it('a session revoked while the app was closed says so instead of showing a QR', async () => {
    const acc = h.accounts.add('Work');
    await h.link(acc.id);
    const device = sim.devices().find((d) => d.online)!;
    await h.close();
    await new Promise((r) => setTimeout(r, 300));
    sim.unlink(device.deviceId);
    await h.open();
    const out = await h.waitFor(acc.id, ['logged-out', 'qr', 'ready']);
    expect(out).toMatchObject({ kind: 'logged-out', reason: 'revoked-offline' });
  });
});
