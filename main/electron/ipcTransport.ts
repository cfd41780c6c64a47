// The Electron transport of the one command registry: ipcMain.handle for calls, webContents.send for
// events. Every call is checked against the sender (main frame of the app's own window, on the app's
// own page) before the registry sees it; the registry then validates the input against the contract.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, isCommandName, type EventName, type Result } from '../../preload/contract';
import { isTrustedSender, unauthorizedResult } from '../ipc/trustedSender';
import type { Logger } from '../log';
import { APP_ORIGIN } from './security';

/** What the transport needs from main/index.ts's App (structural, so tests can pass fakes). */
export interface CommandDispatcher {
  dispatch(command: unknown, input: unknown): Promise<Result<unknown>>;
}
export interface EventSource {
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

export interface IpcTransportOptions {
  ipcMain: IpcMain;
  /** The app's window right now: on macOS it can be closed and created again while the app runs. */
  getWindow: () => BrowserWindow | null;
  registry: CommandDispatcher;
  events: EventSource;
  log: Logger;
}

/** Registers the handler and the event forwarding; returns the function that removes both. */
export function attachIpcTransport({ ipcMain, getWindow, registry, events, log }: IpcTransportOptions): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, command: unknown, input: unknown): Promise<Result<unknown>> => {
    const win = getWindow();
    const ownContents = win && !win.isDestroyed() ? win.webContents : null;
    const trusted =
      ownContents !== null &&
      event.sender === ownContents &&
      isTrustedSender({ senderFrame: event.senderFrame, mainFrame: ownContents.mainFrame, appOrigin: APP_ORIGIN });
    if (!trusted) {
      // Log where the call came from, never what it carried (inputs can hold labels or secrets).
      log.warn('ipc call refused: not the app window', { command: isCommandName(command) ? command : 'unknown' });
      return unauthorizedResult();
    }
    try {
      return await registry.dispatch(command, input);
    } catch {
      // dispatch() is documented never to throw; if it ever does, the renderer still gets a Result,
      // because a thrown error would reach it as a bare message (docs/development.md, "Errors through ipcMain.handle").
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the app. Try again.' } };
    }
  });

  const unsubscribe = events.subscribe((name, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(IPC_EVENT, name, payload);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
