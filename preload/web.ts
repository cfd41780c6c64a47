// The browser bridge: gives a renderer served by the web host the same `window.api` that Electron's
// preload gives, over the host's WebSocket. Browser-only code: no 'electron', no Node built-ins.
import type { Api, ConnectionChange } from './api';
import { EXPORT_PATH, HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS, isEventName, SESSION_PATH, WS_PATH, type ApiError, type EventName, type Result, type WsMessage } from './contract';

const TOKEN_KEY = 'wa-accounts.token';
const CALL_TIMEOUT_MS = 60_000;

type Pending = { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };

/** Reads the access token from the address (`#token=…`) once, keeps it for reloads, and hides it from the bar. */
function takeToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class WebBridge implements Api {
  private ws?: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly connectionListeners = new Set<(change: ConnectionChange) => void>();
  private retryMs = 500;
  private state: 'new' | 'open' | 'closed' | 'token-stale' = 'new';
  private heartbeat?: ReturnType<typeof setInterval>;
  private lastPong = 0;

  constructor(private readonly token: string | null) {}

  /** Resolves once the first connection attempt has opened or failed; calls report failures themselves. */
  connect(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.token || this.state === 'token-stale') return resolve();
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}?token=${encodeURIComponent(this.token)}`;
      const ws = new WebSocket(url);
      this.ws = ws;
      ws.onopen = () => {
        this.retryMs = 500;
        this.startHeartbeat(ws);
        this.setState('open');
        resolve();
      };
      ws.onmessage = (e) => this.onFrame(String(e.data));
      ws.onclose = () => {
        this.closed(ws);
        resolve();
      };
    });
  }

  onConnection(listener: (change: ConnectionChange) => void): () => void {
    this.connectionListeners.add(listener);
    return () => void this.connectionListeners.delete(listener);
  }

  async fetchExport(exportId: string): Promise<Result<Blob>> {
    if (!this.token) return failure(noToken());
    try {
      const res = await fetch(`${EXPORT_PATH}/${encodeURIComponent(exportId)}`, { headers: { Authorization: `Bearer ${this.token}` }, cache: 'no-store' });
      if (res.ok) return { ok: true, value: await res.blob() };
      return failure(res.status === 401 ? hostRestarted() : { code: 'NOT_FOUND', message: 'That export is gone (it was saved already, or the app restarted); export again.' });
    } catch {
      return failure({ code: 'HOST_UNREACHABLE', message: 'The app could not be reached to fetch the file; is it still running?' });
    }
  }

  /**
   * The host answers every ping at once; one missed beyond HEARTBEAT_TIMEOUT_MS means it is gone or
   * hung, even where the socket itself has not closed yet (a stopped process, a dropped network).
   */
  private startHeartbeat(ws: WebSocket): void {
    clearInterval(this.heartbeat);
    this.lastPong = Date.now();
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastPong > HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS) {
        ws.onclose = null;
        ws.onmessage = null;
        ws.close();
        this.closed(ws);
        return;
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ ping: Date.now() }));
    }, HEARTBEAT_MS);
  }

  private closed(ws: WebSocket): void {
    if (this.ws !== ws) return;
    clearInterval(this.heartbeat);
    this.ws = undefined;
    this.failAll(hostUnreachable());
    this.setState('closed', hostUnreachable());
    void this.afterClose();
  }

  /** Is the host gone, or back with a new token? A restarted host refuses the old one for good. */
  private async afterClose(): Promise<void> {
    // A hung host accepts the connection and never answers: give the question a deadline.
    const status = await fetch(SESSION_PATH, { headers: { Authorization: `Bearer ${this.token}` }, cache: 'no-store', signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) {
      this.setState('token-stale', hostRestarted());
      return;
    }
    // Keep trying in the background: the host may be restarting.
    setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  private setState(next: 'open' | 'closed' | 'token-stale', error?: ApiError): void {
    if (this.state === next) return;
    this.state = next;
    const change: ConnectionChange = next === 'open' ? { state: 'open' } : { state: 'closed', error: error! };
    for (const l of this.connectionListeners) l(change);
  }

  invoke: Api['invoke'] = (name, ...args) => {
    const ws = this.ws;
    if (!this.token) return Promise.resolve(failure(noToken()));
    if (this.state === 'token-stale') return Promise.resolve(failure(hostRestarted()));
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve(failure(hostUnreachable()));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(failure({ code: 'TIMEOUT', message: 'The app did not answer in time. Try again.' }));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as Pending['resolve'], timer });
      ws.send(JSON.stringify({ id, command: name, input: args[0] }));
    });
  };

  on: Api['on'] = (name, listener) => {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  };

  private onFrame(text: string): void {
    let msg: WsMessage;
    try {
      msg = JSON.parse(text) as WsMessage;
    } catch {
      return;
    }
    if ('pong' in msg) {
      this.lastPong = Date.now();
      return;
    }
    if ('event' in msg) {
      if (!isEventName(msg.event)) return;
      for (const l of this.listeners.get(msg.event) ?? []) l(msg.payload as never);
      return;
    }
    if (msg.id === null) return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    p.resolve(msg.result);
  }

  private failAll(error: ApiError): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(failure(error));
      this.pending.delete(id);
    }
  }
}

function failure(error: ApiError): Result<never> {
  return { ok: false, error };
}

function hostUnreachable(): ApiError {
  return { code: 'HOST_UNREACHABLE', message: 'Lost the connection to the app. Check that the app (npm run web) is still running; this page reconnects by itself.' };
}

function hostRestarted(): ApiError {
  return {
    code: 'UNAUTHORIZED',
    message: 'The app was restarted and gave itself a new address. Open the address it printed last (it ends in #token=…).',
  };
}

function noToken(): ApiError {
  return { code: 'UNAUTHORIZED', message: 'This page was opened without its access token. Open the full address the app printed (it ends in #token=…).' };
}

export async function installWebApi(): Promise<void> {
  const bridge = new WebBridge(takeToken());
  window.api = bridge;
  await bridge.connect();
}
