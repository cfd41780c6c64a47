// The "app" area: what main says about itself (app.info) and whether the renderer can reach main at all.
import { create } from 'zustand';
import type { AppInfo, Result } from '../../preload/contract';
import { call, type ConnectionError } from './api';

/** What the connection banner explains; the first and the last are the transport's HOST_UNREACHABLE. */
export type ConnectionProblem =
  /** Main never answered: in a browser, the web bridge could not connect to the web host. */
  | 'never-connected'
  /** Main refused us: the address lacks the access token. */
  | 'unauthorized'
  /** Main answered before, and a call has now failed on the way (host stopped or restarting). */
  | 'lost'
  /** Main is back, restarted with a new access token: this page's token no longer works. */
  | 'restarted';

export type Connection =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'failed'; problem: ConnectionProblem; detail: string };

export interface AppState {
  info: AppInfo | null;
  connection: Connection;
  loadInfo(): Promise<Result<AppInfo>>;
  connected(): void;
  connectionFailed(error: ConnectionError): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  connection: { state: 'connecting' },
  loadInfo: async () => {
    const result = await call('app.info');
    if (result.ok) set({ info: result.value });
    return result;
  },
  connected: () => {
    if (get().connection.state !== 'connected') set({ connection: { state: 'connected' } });
  },
  connectionFailed: (error) => {
    set({ connection: { state: 'failed', problem: problemOf(error, get().connection), detail: error.message } });
  },
}));

function problemOf(error: ConnectionError, before: Connection): ConnectionProblem {
  switch (error.code) {
    case 'UNAUTHORIZED':
      return before.state === 'connected' || (before.state === 'failed' && (before.problem === 'lost' || before.problem === 'restarted')) ? 'restarted' : 'unauthorized';
    case 'HOST_UNREACHABLE':
      return before.state === 'connected' || (before.state === 'failed' && before.problem === 'lost') ? 'lost' : 'never-connected';
    default: {
      const unhandled: never = error.code;
      return unhandled;
    }
  }
}

export const selectInfo = (s: AppState) => s.info;
export const selectConnection = (s: AppState) => s.connection;
