// The runner's side of a host process: fork it, scan each QR it shows with that account's phone, call
// it over IPC with a time limit, and read its RSS from /proc (the host is never asked, so measuring
// does not disturb it).
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Phone } from '../../e2e/sim/Phone';
import type { SimServer } from '../../e2e/sim/SimServer';
import type { HostCall, HostJob, HostMessage } from './protocol';

/** USER_HZ: 100 on every Linux the benchmark runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_S = 100;

/** Hosts still running; the runner kills these by pid on error or signal. */
export const liveHosts = new Set<ChildProcess>();

export class HostProcess {
  readonly anomalies: string[] = [];
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private reqId = 0;
  private readonly linked = new Set<number>();
  private readonly ready: Promise<string[]>;

  constructor(readonly job: HostJob, sim: SimServer, phones: Phone[]) {
    this.child = fork(join(__dirname, 'host.ts'), [JSON.stringify(job)], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    liveHosts.add(this.child);
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${job.variant} host: not ready within ${job.timeoutMs} ms`)), job.timeoutMs);
      this.child.on('message', (m: HostMessage) => {
        if (m.type === 'qr' && !this.linked.has(m.index)) {
          try {
            sim.scan(m.qr, phones[m.index]);
            this.linked.add(m.index);
          } catch (err) {
            // A QR that rotated before the scan: the next one is scanned.
            this.anomalies.push(`${job.variant} account ${m.index + 1}: scan refused (${(err as { code?: string }).code ?? String(err)})`);
          }
        } else if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(m.accountIds);
        } else if (m.type === 'reply') {
          const p = this.pending.get(m.reqId);
          this.pending.delete(m.reqId);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(new Error(m.error));
        } else if (m.type === 'anomaly') {
          this.anomalies.push(m.text);
        } else if (m.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`${job.variant} host failed: ${m.error}`));
        }
      });
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        liveHosts.delete(this.child);
        const gone = new Error(`${job.variant} host exited (${code ?? signal})`);
        reject(gone);
        for (const p of this.pending.values()) p.reject(gone);
        this.pending.clear();
      });
    });
    this.ready.catch(() => undefined); // awaited by whenReady(); a host that dies first is not an unhandled rejection
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the host has no pid');
    return this.child.pid;
  }

  /** Resolves with the accounts' ids once every account is Ready. */
  whenReady(): Promise<string[]> {
    return this.ready;
  }

  call<T>(call: HostCall, timeoutMs: number): Promise<T> {
    const reqId = ++this.reqId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new Error(`${this.job.variant} host: ${call.op} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(reqId, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ type: 'call', reqId, call });
    });
  }

  /** The host process's resident set (VmRSS), MiB. */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
  }

  /** CPU time the host process itself has used (user + system, not its browsers), ms; /proc/<pid>/stat counts in clock ticks. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  }

  /** Samples the RSS every `everyMs` while `work` runs; answers its result, the peak and the host's CPU time meanwhile. */
  async peakWhile<T>(work: () => Promise<T>, everyMs = 100): Promise<{ value: T; peakMiB: number; cpuMs: number }> {
    let peakMiB = this.rssMiB();
    const cpu0 = this.cpuMs();
    const timer = setInterval(() => (peakMiB = Math.max(peakMiB, this.rssMiB())), everyMs);
    try {
      const value = await work();
      return { value, peakMiB: Math.max(peakMiB, this.rssMiB()), cpuMs: this.cpuMs() - cpu0 };
    } finally {
      clearInterval(timer);
    }
  }

  /** Stops the app or destroys the clients; a host that does not exit in time is killed. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call({ op: 'stop' }, timeoutMs).catch((err: unknown) => this.anomalies.push(String(err)));
    const timer = setTimeout(() => {
      this.anomalies.push(`${this.job.variant} host still running after stop: killed`);
      this.child.kill('SIGKILL');
    }, 5_000);
    await exited;
    clearTimeout(timer);
  }
}

export function killHosts(): number {
  let n = 0;
  for (const child of liveHosts) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
        n++;
      } catch {
        // already gone
      }
    }
  }
  liveHosts.clear();
  return n;
}
