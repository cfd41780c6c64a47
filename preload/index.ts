// Electron's preload (bundled to dist/preload/index.cjs, sandboxed): gives the renderer `window.api`
// over IPC. Only the two contract channels are used, only contract events are forwarded, and
// ipcRenderer itself never crosses the bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api } from './api';
import { IPC_EVENT, IPC_INVOKE, isEventName, type CommandName, type EventName, type Result } from './contract';

export function createIpcApi(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): Api {
  const invoke = async (name: CommandName, input?: unknown): Promise<Result<unknown>> => {
    try {
      return (await ipc.invoke(IPC_INVOKE, name, input)) as Result<unknown>;
    } catch {
      // Main answers every call with a Result; reaching here means the channel itself failed
      // (e.g. the app is quitting). Keep the promise: never throw at the UI.
      return { ok: false, error: { code: 'INTERNAL', message: 'The app did not answer. Try again, or restart it.' } };
    }
  };

  const on = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(name)) throw new TypeError(`Unknown event "${String(name)}": see events in preload/contract.ts`);
    if (typeof listener !== 'function') throw new TypeError('on(name, listener): listener must be a function');
    // The renderer's listener gets the payload only: never the IpcRendererEvent, whose `sender`
    // would hand the page ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipc.on(IPC_EVENT, forward);
    return () => {
      ipc.removeListener(IPC_EVENT, forward);
    };
  };

  return { invoke, on } as Api;
}

contextBridge.exposeInMainWorld('api', createIpcApi(ipcRenderer));
