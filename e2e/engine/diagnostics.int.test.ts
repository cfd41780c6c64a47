// The redaction check with a real session: an account linked by scanning a QR in the simulator (so the
// app has seen a QR payload, a phone number and a push name), a message received from a contact, a
// store secret and a recovery passphrase; the exported zip must hold none of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineHarness, FAST_SIM, fastEngine, call } from './harness';
import { SimServer } from '../sim/SimServer';
import { testBrowserSetting } from '../testBrowser';
import { createApp } from '../../main/index';
import { createLogger } from '../../main/log';
import { LogFile } from '../../main/logFile';
import { leaks, readZip } from '../../main/diagnostics/testing/readZip';

const CONTACT = '15550000002';
const MESSAGE = 'meet me at the blue door at nine';
const STORE_SECRET = 'pg-Password-Quite-Unusual-81';
const PASSPHRASE = 'violet ladders hum quietly 77';

let sim: SimServer;
let h: EngineHarness;

beforeEach(async () => {
  sim = new SimServer({ ...FAST_SIM, deliveryMs: 100 });
  await sim.start();
  h = new EngineHarness(sim, () => fastEngine(sim));
});
afterEach(async () => {
  await h.dispose();
  await sim.stop();
});

async function until(what: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !what(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('diagnostics of a linked account', () => {
  it('holds the account and its history but no number, name, QR payload, message text, secret or passphrase', async () => {
    const logFile = new LogFile();
    const log = createLogger(logFile.sink);
    h.app = await createApp({ dataDir: h.dataDir, host: 'web', log, logFile, engine: fastEngine(sim), browserPath: testBrowserSetting() });
    await h.app.start();
    await call(h, 'stores.save', { name: 'Office DB', settings: { kind: 'postgres', host: '127.0.0.1', port: 9, database: 'wa', user: 'backup' }, secret: STORE_SECRET });
    await call(h, 'backup.setPassphrase', { passphrase: PASSPHRASE });

    const acc = h.accounts.add('Work');
    const qr = await h.waitFor(acc.id, ['qr']);
    const payload = qr.kind === 'qr' ? qr.qr : '';
    expect(payload).toMatch(/^\d@/);
    sim.scan(payload);
    const ready = await h.waitFor(acc.id, ['ready']);
    expect(ready.kind === 'ready' && ready.phoneNumber).toBe(sim.defaultPhone.number);
    let received = false;
    h.accounts.messaging.on('message', (id, m) => {
      if (id === acc.id && m.body === MESSAGE) received = true;
    });
    sim.sendToAccount({ from: CONTACT, body: MESSAGE });
    await until(() => received);

    // Lines a careless caller might write: the logger's redaction and the export's scrub must both hold.
    log.info(`account ${acc.id} is ${sim.defaultPhone.number}`);
    log.warn('qr for the account', { accountId: acc.id, detail: payload });
    const file = await call(h, 'app.exportDiagnostics');
    const files = await readZip(Buffer.from(file.data!, 'base64'));
    const timeline = files.get('timelines/account-1.json')!;
    expect(JSON.parse(timeline)).toMatchObject({ linked: true, session: { kind: 'ready' } });
    expect(timeline).toContain('"state": "qr"');
    expect(files.get('logs/app.log')).toContain(`account ${acc.id} is [number]`);

    const qrParts = payload.split(',').filter((p) => p.length >= 8);
    const secrets = [sim.defaultPhone.number, sim.defaultPhone.pushname, CONTACT, MESSAGE, payload, ...qrParts, STORE_SECRET, PASSPHRASE];
    expect(qrParts.length).toBeGreaterThan(1);
    expect(leaks(files, secrets)).toEqual([]);
  }, 90_000);
});
