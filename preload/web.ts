// The browser bridge: gives a renderer served by the web host the same `window.api` that Electron's
// preload gives, over the host's WebSocket. Browser-only code: no 'electron', no Node built-ins.
import type { Api } from './api';
import { isEventName, WS_PATH, type ApiError, type EventName, type Result, type WsMessage } from './contract';

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
  private retryMs = 500;

  constructor(private readonly token: string | null) {}

  /** Resolves once the first connection attempt has opened or failed; calls report failures themselves. */
  connect(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.token) return resolve();
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}?token=${encodeURIComponent(this.token)}`;
      const ws = new WebSocket(url);
      this.ws = ws;
      ws.onopen = () => {
        this.retryMs = 500;
        resolve();
      };
      ws.onmessage = (e) => this.onFrame(String(e.data));
      ws.onclose = () => {
        this.failAll(hostUnreachable());
        resolve();
        // Keep trying in the background: the host may be restarting.
        setTimeout(() => void this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      };
    });
  }

  invoke: Api['invoke'] = (name, ...args) => {
    const ws = this.ws;
    if (!this.token) return Promise.resolve(failure(noToken()));
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

function noToken(): ApiError {
  return { code: 'UNAUTHORIZED', message: 'This page was opened without its access token. Open the full address the app printed (it ends in #token=…).' };
}

export async function installWebApi(): Promise<void> {
  const bridge = new WebBridge(takeToken());
  window.api = bridge;
  await bridge.connect();
}
