import WebSocket from 'ws';
import type { Account, CommandInput, CommandName, CommandOutput, Result, WsMessage } from '../preload/contract';

/** A Node client of the web host's WebSocket contract, for tests that drive a host process. */
export class ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly listeners = new Set<(m: Extract<WsMessage, { event: string }>) => void>();
  accounts: Account[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as WsMessage;
      if ('event' in m) {
        if (m.event === 'accounts.changed') this.accounts = m.payload as Account[];
        for (const l of this.listeners) l(m);
      } else if ('result' in m && m.id !== null) {
        this.pending.get(m.id)?.(m.result);
        this.pending.delete(m.id);
      }
    });
  }

  static async connect(origin: string, token: string): Promise<ApiClient> {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${encodeURIComponent(token)}`, { headers: { origin } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const client = new ApiClient(ws);
    client.accounts = await client.call('accounts.list');
    return client;
  }

  async call<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<CommandOutput<K>> {
    const r = await this.raw(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as CommandOutput<K>;
  }

  raw(name: string, input?: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, command: name, input }));
    });
  }

  /** Resolves when the account list satisfies `predicate` (checked now and after every change). */
  waitForAccounts(predicate: (accounts: Account[]) => boolean, timeoutMs = 30_000): Promise<Account[]> {
    if (predicate(this.accounts)) return Promise.resolve(this.accounts);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`accounts never matched within ${timeoutMs} ms; last: ${JSON.stringify(this.accounts.map((a) => [a.label, a.session.kind]))}`));
      }, timeoutMs);
      const listener = () => {
        if (!predicate(this.accounts)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(this.accounts);
      };
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.ws.close();
  }
}
