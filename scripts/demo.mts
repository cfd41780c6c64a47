// `npm run demo`: the app wired to the simulated WhatsApp (e2e/sim), so a person can link accounts
// without a phone. Development tooling only: nothing here is packaged.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SimServer } from '../e2e/sim/SimServer';
import { testBrowserSetting } from '../e2e/testBrowser';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, fast: { type: 'boolean' } } });
const dataDir = resolve(values['data-dir'] ?? join(tmpdir(), 'wa-accounts-demo'));
mkdirSync(dataDir, { recursive: true });

// Realistic QR lifetimes by default (60 s, then 20 s); --fast for a quicker tour. The simulated phones keep
// their linked devices and chats beside the app's data, so a restart on the same folder finds its accounts
// still linked (the app's browser profiles hold the other half of each session).
const timings = values.fast ? { bootDelayMs: 300, syncStepMs: 300, firstRefMs: 20_000, laterRefMs: 10_000 } : { bootDelayMs: 1000 };
const sim = new SimServer({ ...timings, stateFile: join(dataDir, 'simulator.json') });
await sim.start();
const engine = { extraChromiumArgs: sim.chromiumArgs(), ...(values.fast ? { qrFirstTtlMs: 20_000, qrLaterTtlMs: 10_000 } : {}) };
const host = spawn(process.execPath, [resolve(import.meta.dirname, '../dist/main/web.cjs'), '--data-dir', dataDir, '--port', values.port ?? '0'], {
  // CHROMIUM_PATH stands in for the user's browser setting, as in the tests (e2e/testBrowser.ts).
  env: { ...process.env, ...(testBrowserSetting() ? { WA_ACCOUNTS_BROWSER: testBrowserSetting()! } : {}), WA_ACCOUNTS_DEV_ENGINE: JSON.stringify(engine) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
host.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (/^Open /m.test(chunk.toString())) console.log(`Phone  ${sim.phoneUrl}   (the simulated phone: scan QR codes, unlink, push states)`);
});
// The host stops first (its accounts close their pages), then the simulator saves its state and stops.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  host.kill('SIGTERM');
  setTimeout(() => void sim.stop().then(() => process.exit(1)), 60_000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
host.on('exit', (code) => {
  void sim.stop().then(() => process.exit(code ?? 0));
});
