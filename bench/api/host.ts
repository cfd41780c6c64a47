// A host process of the API benchmark, forked by run.ts so that its RSS is the host's alone (the
// simulator and the script that talks to the API run in the runner). `ours`: the app built by createApp
// with the API off until the runner turns it on through the app's own commands. `stock`: whatsapp-web.js
// 1.34.7 Clients with LocalAuth, sending with client.sendMessage and hearing message_ack in this process.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, LocalAuth, type Message } from 'whatsapp-web.js';
import { simClientOptions } from '../../e2e/sim/clientHarness';
import type { SimServer } from '../../e2e/sim/SimServer';
import { testBrowserSetting } from '../../e2e/testBrowser';
import { createApp, type App } from '../../main/index';
import { createLogger } from '../../main/log';
import type { ApiStatus } from '../../preload/contract';
import type { ApiAccess, CallMessage, HostCall, HostJob, HostMessage } from './protocol';
import { AckTracker, burstRound, latencyRound, type SendFn } from './rounds';

const job = JSON.parse(process.argv[2] ?? '{}') as HostJob;
const tell = (m: HostMessage) => process.send?.(m);
process.on('unhandledRejection', (reason) => tell({ type: 'anomaly', text: `unhandled rejection: ${String(reason).split('\n')[0]}` }));

interface Host {
  call(call: HostCall): Promise<unknown>;
  stop(): Promise<void>;
}

async function oursHost(): Promise<Host> {
  const log = createLogger((line) => {
    const entry = JSON.parse(line) as { level: string; msg: string; error?: string; effect?: string };
    if (entry.level !== 'info') tell({ type: 'anomaly', text: `ours ${entry.level}: ${entry.msg}${entry.effect ? ` [${entry.effect}]` : ''}${entry.error ? ` (${entry.error})` : ''}` });
  });
  const app: App = await createApp({
    dataDir: join(job.dir, 'userData'), host: 'web', log, autoStart: false,
    engine: { extraChromiumArgs: job.chromiumArgs }, browserPath: testBrowserSetting(),
  });
  // The API service starts with the app (and stays off, as the settings say); accounts are added below.
  await app.start();
  await app.accounts.start();
  const ids = Array.from({ length: job.n }, (_, i) => app.accounts.add(`Bench ${i + 1}`).id);
  ids.forEach((id, index) => {
    const session = app.accounts.sessionOf(id);
    session.on('state', (s) => {
      if (s.kind === 'qr') tell({ type: 'qr', index, qr: s.qr });
    });
  });
  await Promise.all(ids.map((id) => app.accounts.sessionOf(id).waitFor(['ready'], job.timeoutMs)));
  tell({ type: 'ready', accountIds: ids });
  const command = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await app.registry.dispatch(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  // The `direct` path: what the API's routes call (main/accounts/MessagingPort.ts), without HTTP or the stream.
  const messaging = app.accounts.messaging;
  const acks = new AckTracker();
  const send: SendFn = async (account, to, text) => (await messaging.sendText(ids[account]!, { to, text })).id;
  const onAck = (_id: string, ack: { id: string; ack: number }) => acks.record(ack.id, ack.ack);
  const direct = async <T>(work: () => Promise<T>): Promise<T> => {
    acks.clear();
    messaging.on('ack', onAck);
    try {
      return await work();
    } finally {
      messaging.off('ack', onAck);
    }
  };
  return {
    async call(call) {
      if (call.op === 'latency') return direct(() => latencyRound(send, acks, call.to, call.count, call.perMessageTimeoutMs));
      if (call.op === 'burst') return direct(() => burstRound(send, acks, call.to, call.count, call.concurrency, call.timeoutMs));
      if (call.op !== 'apiOn') throw new Error(`ours host: no ${call.op}`);
      const status = await command<ApiStatus>('api.configure', { enabled: true, port: call.port });
      if (!status.listening) throw new Error(`the API did not start: ${status.error ?? 'no reason given'}`);
      const { secret } = await command<{ secret: string }>('api.createKey', { name: 'bench', accounts: null });
      return { base: status.listening, secret } satisfies ApiAccess;
    },
    stop: () => app.stop(),
  };
}

async function stockHost(): Promise<Host> {
  const dataPath = join(job.dir, 'wwebjs_auth');
  mkdirSync(dataPath, { recursive: true });
  // simClientOptions reads only the simulator's flags, and the simulator runs in the runner.
  const sim = { chromiumArgs: () => job.chromiumArgs } as Pick<SimServer, 'chromiumArgs'> as SimServer;
  const acks = new AckTracker();
  const clients = Array.from({ length: job.n }, (_, i) => new Client(simClientOptions(sim, { authStrategy: new LocalAuth({ clientId: `bench${i + 1}`, dataPath }) })));
  const ready = clients.map((client, index) => {
    client.on('qr', (qr: string) => tell({ type: 'qr', index, qr }));
    client.on('message_ack', (msg: Message, ack: number) => acks.record(msg.id._serialized, ack));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stock client ${index + 1} not ready within ${job.timeoutMs} ms`)), job.timeoutMs);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  });
  clients.forEach((c, i) => void c.initialize().catch((err: unknown) => tell({ type: 'anomaly', text: `stock ${i + 1}: initialize failed: ${String(err).split('\n')[0]}` })));
  await Promise.all(ready);
  tell({ type: 'ready', accountIds: clients.map((_, i) => `bench${i + 1}`) });
  const send: SendFn = async (account, to, text) => (await clients[account]!.sendMessage(`${to}@c.us`, text)).id._serialized;
  return {
    async call(call) {
      acks.clear();
      if (call.op === 'latency') return latencyRound(send, acks, call.to, call.count, call.perMessageTimeoutMs);
      if (call.op === 'burst') return burstRound(send, acks, call.to, call.count, call.concurrency, call.timeoutMs);
      throw new Error(`stock host: no ${call.op}`);
    },
    async stop() {
      await Promise.all(clients.map(async (c) => {
        const proc = c.pupBrowser?.process();
        await c.destroy().catch(() => undefined);
        if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }));
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(job.dir, { recursive: true });
  const host = await (job.variant === 'ours' ? oursHost() : stockHost());
  process.on('message', (m: CallMessage) => {
    if (m.type !== 'call') return;
    if (m.call.op === 'stop') {
      const t0 = performance.now();
      void host.stop().finally(() => {
        tell({ type: 'reply', reqId: m.reqId, ok: true, value: { stopMs: performance.now() - t0 } });
        setTimeout(() => process.exit(0), 100);
      });
      return;
    }
    if (m.call.op === 'gc') {
      // The runner forks hosts with --expose-gc.
      (globalThis as { gc?: () => void }).gc?.();
      tell({ type: 'reply', reqId: m.reqId, ok: true, value: null });
      return;
    }
    host.call(m.call).then(
      (value) => tell({ type: 'reply', reqId: m.reqId, ok: true, value }),
      (err: unknown) => tell({ type: 'reply', reqId: m.reqId, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

main().catch((err: unknown) => {
  tell({ type: 'fatal', error: err instanceof Error ? err.message : String(err) });
  setTimeout(() => process.exit(1), 100);
});
