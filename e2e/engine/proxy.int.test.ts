// A per-account proxy, for real: proxy-chain (an HTTP CONNECT proxy with sign-in) on loopback. The
// account's browser resolves no name but the proxy's (`MAP * ~NOTFOUND`), so the simulator can only be
// reached through the proxy. With a proxy Chromium never resolves web.whatsapp.com itself: it asks the
// proxy to CONNECT web.whatsapp.com:443, and the proxy resolves it. So the mapping lives in the proxy,
// as a DNS entry would: web.whatsapp.com:443 goes to the simulator's loopback port.
import { createServer, type Server as NetServer } from 'node:net';
import { Server as ProxyServer } from 'proxy-chain';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SIM_HOST } from '../sim/certificate';
import { SimServer } from '../sim/SimServer';
import { call, codeOf, EngineHarness, FAST_SIM, fastEngine } from './harness';

let sim: SimServer;
let h: EngineHarness;
let proxy: ProxyServer | undefined;
let refuser: NetServer | undefined;

interface Seen {
  hostname: string;
  port: number;
  username: string;
}

/**
 * Only the proxy knows where web.whatsapp.com is: without it, the browser reaches nothing. The proxy's
 * own address is excluded: Chromium puts even an IP literal proxy through these rules.
 */
function proxiedOnly(sim: SimServer): string[] {
  return sim.chromiumArgs().map((a) => (a.startsWith('--host-resolver-rules=') ? '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1' : a));
}

async function startProxy(seen: Seen[]): Promise<number> {
  proxy = new ProxyServer({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request, hostname, port, username, password }) => {
      if (username !== 'ann' || password !== 'pa:ss w0rd') return { requestAuthentication: true };
      seen.push({ hostname, port, username });
      // The proxy's own "DNS": the simulator stands in for web.whatsapp.com:443.
      if (hostname === SIM_HOST) request.url = `127.0.0.1:${sim.port}`;
      return {};
    },
  });
  await proxy.listen();
  return proxy.port;
}

beforeEach(async () => {
  sim = new SimServer(FAST_SIM);
  await sim.start();
  h = new EngineHarness(sim, () => fastEngine(sim, { extraChromiumArgs: proxiedOnly(sim) }));
  await h.open();
});
afterEach(async () => {
  await h.dispose();
  await proxy?.close(true);
  proxy = undefined;
  await new Promise<void>((r) => (refuser ? refuser.close(() => r()) : r()));
  refuser = undefined;
  await sim.stop();
});

it('an account with a proxy (HTTP, with a user and password) reaches WhatsApp only through it, signed in, and restores through it', async () => {
  const seen: Seen[] = [];
  const port = await startProxy(seen);
  const acc = await call(h, 'accounts.add', { label: 'Proxied' });
  const saved = await call(h, 'accounts.setProxy', { id: acc.id, proxy: { scheme: 'http', host: '127.0.0.1', port, username: 'ann', password: 'pa:ss w0rd' } });
  expect(saved.proxy).toEqual({ scheme: 'http', host: '127.0.0.1', port, username: 'ann', hasPassword: true });
  expect(JSON.stringify(saved)).not.toContain('pa:ss w0rd');
  // The simulator hands out a QR only to a page that loaded and opened its socket: through the proxy.
  const issued = sim.waitFor('qr');
  await h.waitFor(acc.id, ['qr'], 45_000);
  sim.scan((await issued).qr);
  await h.waitFor(acc.id, ['ready']);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((s) => s.hostname === SIM_HOST && s.port === 443 && s.username === 'ann')).toBe(true);
  // The password never reaches the log.
  expect(h.logLines.join('\n')).not.toContain('pa:ss w0rd');

  // After a restart the password comes from the secret store, and the session restores through the proxy.
  const before = seen.length;
  await h.restart();
  await h.waitFor(acc.id, ['ready'], 45_000);
  expect(seen.length).toBeGreaterThan(before);
}, 120_000);

it('a proxy that refuses connections gives the account "proxy unreachable" within seconds, not a hang', async () => {
  // A port that accepts nothing: listen, note it, close it.
  refuser = createServer();
  await new Promise<void>((r) => refuser!.listen(0, '127.0.0.1', r));
  const deadPort = (refuser.address() as { port: number }).port;
  await new Promise<void>((r) => refuser!.close(() => r()));
  refuser = undefined;
  const acc = await call(h, 'accounts.add', { label: 'Behind a dead proxy' });
  const states = h.record(acc.id);
  const started = Date.now();
  await call(h, 'accounts.setProxy', { id: acc.id, proxy: { scheme: 'http', host: '127.0.0.1', port: deadPort } });
  const failed = await h.waitFor(acc.id, ['failed'], 30_000);
  expect(failed).toMatchObject({ kind: 'failed', code: 'PROXY_UNREACHABLE', message: expect.stringMatching(/proxy could not be reached.*ERR_PROXY_CONNECTION_FAILED/) });
  expect(Date.now() - started).toBeLessThan(20_000);
  // On the way it said why it was retrying, in the same words.
  expect(states.some((s) => s.kind === 'reconnecting' && /proxy could not be reached/.test(s.reason))).toBe(true);
  expect(h.accounts.timeline(acc.id).some((e) => e.reason.startsWith('PROXY_UNREACHABLE'))).toBe(true);
}, 60_000);

it('SOCKS5 with a user and password is refused with why; without them it is kept', async () => {
  const acc = await call(h, 'accounts.add', { label: 'Socks' });
  expect(await codeOf(call(h, 'accounts.setProxy', { id: acc.id, proxy: { scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'ann', password: 'x' } }))).toBe('INVALID_INPUT');
  const kept = await call(h, 'accounts.setProxy', { id: acc.id, proxy: { scheme: 'socks5', host: '127.0.0.1', port: 1080 } });
  expect(kept.proxy).toMatchObject({ scheme: 'socks5', username: null, hasPassword: false });
}, 30_000);
