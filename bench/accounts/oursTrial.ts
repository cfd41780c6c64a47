// Our engine, driven the way the product drives it: add every account (each starts linking at once),
// then a restart restores the running accounts through app.start() (staggered, concurrency 2).
import { join } from 'node:path';
import type { SessionState } from '../../preload/contract';
import type { AccountSession } from '../../main/accounts/AccountSession';
import { profileDir } from '../../main/accounts/sessionFolder';
import { createApp, type App } from '../../main/index';
import { testBrowserSetting } from '../../e2e/testBrowser';
import { createLogger } from '../../main/log';
import { leftoversAfter } from './procTree';
import { finishTimes, freshPhones, loadAverage, measureAccounts, sleep, summarize, type TrialContext, type TrialResult } from './trial';

/** States a clean link or restore never passes through. */
const ODD: SessionState['kind'][] = ['reconnecting', 'failed', 'logged-out', 'qr-paused', 'pairing-code'];

export async function oursTrial(ctx: TrialContext): Promise<TrialResult> {
  const { sim, n, timeoutMs } = ctx;
  const anomalies: string[] = [];
  const loadAvgAtStart = loadAverage()[0];
  const dataDir = join(ctx.dir, 'userData');
  const sessionsDir = join(dataDir, 'sessions');
  const log = createLogger((line) => {
    const entry = JSON.parse(line) as { level: string; msg: string; account?: string; error?: string };
    if (entry.level !== 'info') anomalies.push(`ours ${entry.level}: ${entry.msg}${entry.error ? ` (${entry.error})` : ''}`);
  });
  // The product's own settings; only the development hook that points Chromium at the simulator.
  const open = () => createApp({ dataDir, host: 'web', log, engine: { extraChromiumArgs: sim.chromiumArgs() }, browserPath: testBrowserSetting() });
  const history = new Map<AccountSession, string[]>();
  const watch = (session: AccountSession, phase: string) => {
    const seen: string[] = [];
    history.set(session, seen);
    session.on('state', (s, reason) => {
      // A second launch without a failure in between replaces a browser that was already on its way.
      const prev = seen.at(-1);
      if (s.kind === 'starting' && prev && !/ (reconnecting|stopped) /.test(prev)) anomalies.push(`ours ${phase}: launched again after "${prev.replace(/^.* ms /, '')}"`);
      seen.push(`${phase} +${Date.now() - t00} ms ${s.kind} (${reason})`);
      if (ODD.includes(s.kind) || (phase === 'restore' && s.kind === 'qr')) anomalies.push(`ours ${phase}: ${s.kind} (${reason})`);
    });
  };
  const t00 = Date.now();
  const phones = freshPhones(sim, n);
  let app: App | undefined;
  try {
    app = await open();
    // app.start() does not wait for its restore pass, and that pass restarts every account marked
    // running when it gets to it, including ones added meanwhile (seen here: a QR replaced by a second
    // launch). Await the same pass (nothing to restore in a new folder) so the adds below are clean.
    await app.accounts.start();
    const first = app;
    const t0 = Date.now();
    const ids = Array.from({ length: n }, (_, i) => first.accounts.add(`Bench ${i + 1}`).id);
    const sessions = ids.map((id) => first.accounts.sessionOf(id));
    sessions.forEach((s) => watch(s, 'link'));
    const qr = await finishTimes(t0, sessions.map((s) => s.waitFor(['qr'], timeoutMs)));
    ctx.progress(`ours n=${n}: all QRs in ${qr.allMs} ms`);
    await sleep(ctx.scanDelayMs);
    const t1 = Date.now();
    sessions.forEach((s, i) => {
      const state = s.state;
      if (state.kind !== 'qr') {
        throw new Error(`ours: account ${i + 1} is ${state.kind}, not showing a QR, at scan time; states: ${history.get(s)?.join(' -> ')}`);
      }
      sim.scan(state.qr, phones[i]);
    });
    const linked = await finishTimes(t1, sessions.map((s) => s.waitFor(['ready'], timeoutMs)));
    ctx.progress(`ours n=${n}: all ready ${linked.allMs} ms after the scans`);
    await app.stop();
    app = undefined;
    const leftAfterStop = await leftoversAfter(ctx.dir);
    if (leftAfterStop.length) anomalies.push(`ours: ${leftAfterStop.length} process(es) left after app.stop()`);

    // Restart: a new app on the same data folder restores every running account by itself.
    const t2 = Date.now();
    const second = await open();
    app = second;
    const restoring = ids.map((id) => second.accounts.sessionOf(id));
    restoring.forEach((s) => watch(s, 'restore'));
    await second.start();
    const restored = await finishTimes(t2, restoring.map((s) => s.waitFor(['ready'], timeoutMs)));
    ctx.progress(`ours n=${n}: restored in ${restored.allMs} ms`);

    await sleep(ctx.idleMs);
    const memory = measureAccounts(restoring.map((s, i) => ({ pid: s.browserPid, userDataDir: profileDir(sessionsDir, ids[i]!) })));
    await second.stop();
    app = undefined;
    const left = await leftoversAfter(ctx.dir);
    if (left.length) anomalies.push(`ours: ${left.length} process(es) left after app.stop()`);
    return summarize({
      engine: 'ours', n, run: ctx.run, firstQrAllMs: qr.allMs, firstQrEachMs: qr.eachMs, scanToReadyAllMs: linked.allMs,
      restartToReadyAllMs: restored.allMs, memory, loadAvgAtStart, anomalies: [...anomalies, ...ctx.rejections()],
    });
  } finally {
    await app?.stop();
  }
}
