// The object the renderer talks to: `window.api`. Electron's preload (preload/index.ts) and the
// browser bridge (preload/web.ts) both provide exactly this shape.
import type { ApiError, CommandInput, CommandName, CommandOutput, EventName, EventPayload, Result } from './contract';

export interface Api {
  /** Calls a command in main; never throws: failures come back as `{ ok: false, error }`. */
  invoke<K extends CommandName>(name: K, ...input: undefined extends CommandInput<K> ? [CommandInput<K>?] : [CommandInput<K>]): Promise<Result<CommandOutput<K>>>;
  /** Subscribes to an event from main; returns the unsubscribe function. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /**
   * Whether main can be reached, as the transport sees it, without waiting for a call to fail. Only
   * the web bridge has it (its socket can drop; Electron's IPC cannot).
   */
  onConnection?(listener: (change: ConnectionChange) => void): () => void;
  /** Fetches an export (backup.export) over HTTP instead of the socket; only the web bridge has it (Electron reads it with backup.exportRead). */
  fetchExport?(exportId: string): Promise<Result<Blob>>;
}

export type ConnectionChange = { state: 'open' } | { state: 'closed'; error: ApiError };

declare global {
  interface Window {
    api: Api;
  }
}
