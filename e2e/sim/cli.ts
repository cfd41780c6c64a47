// Standalone simulator for people: `npx tsx e2e/sim/cli.ts` (npm run sim). Prints the phone page
// address and the Chromium flags a client needs; Ctrl+C stops it.
import { parseArgs } from 'node:util';
import { SimServer } from './SimServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'phone-port': { type: 'string', default: '0' },
    'history-mb': { type: 'string', default: '0' },
    fast: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npx tsx e2e/sim/cli.ts [--port N] [--phone-port N] [--history-mb N] [--fast]
  --port        HTTPS/WSS port of the simulated web.whatsapp.com (default: any free port)
  --phone-port  port of the phone page (default: any free port)
  --history-mb  message history written into each newly linked device's IndexedDB
  --fast        test timings (QR refs of a few seconds, sub-second sync) instead of realistic ones`);
  process.exit(0);
}

async function main(): Promise<void> {
  const fast = values.fast ? { bootDelayMs: 200, syncStepMs: 50, firstRefMs: 8000, laterRefMs: 5000 } : {};
  const sim = new SimServer({
    ...fast,
    port: Number(values.port),
    phonePort: Number(values['phone-port']),
    historyMB: Number(values['history-mb']),
  });
  await sim.start();
  // Counts and ids only: QR payloads and phone numbers stay out of the terminal (house style).
  sim.on('linked', (e) => console.log(`linked   ${e.deviceId} (via ${e.via})`));
  sim.on('login', (e) => console.log(`login    ${e.deviceId} ${e.accepted ? 'accepted' : 'rejected'}`));
  sim.on('unlinked', (e) => console.log(`unlinked ${e.deviceId} (${e.by}, ${e.style})`));
  sim.on('state', (e) => console.log(`state    ${e.deviceId} -> ${e.state}`));
  sim.on('refused', () => console.log('refused  a scan: the phone has reached its linked-device limit'));
  // Message text is test data and stays out of the terminal: ids and counts only.
  sim.on('received', (e) => console.log(`received a message for ${e.devices.length} online device(s)`));
  sim.on('sent', (e) => console.log(`sent     ${e.message.deviceId ?? '?'} sent a message`));
  sim.on('seen', (e) => console.log(`seen     ${e.deviceId} marked a chat seen (${e.unreadBefore} unread)`));
  sim.on('page-error', (e) => console.log(`page-error ${e.deviceId ?? e.deviceKey} (${e.kind}): ${e.message.split('\n')[0]?.slice(0, 200)}`));

  console.log(`Simulated WhatsApp Web on https://127.0.0.1:${sim.port} (as web.whatsapp.com)`);
  console.log(`Phone page: ${sim.phoneUrl}`);
  console.log('Chromium flags for a client (plus --no-sandbox as root):');
  for (const arg of sim.chromiumArgs()) console.log(`  ${JSON.stringify(arg)}`);
  console.log("Clients also need webVersionCache: { type: 'none' }. Ctrl+C stops the simulator.");

  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
