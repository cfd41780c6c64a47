import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type EventName, type Result } from '../../preload/contract';
import { silentLogger } from '../log';
import { attachIpcTransport } from './ipcTransport';
import { APP_ENTRY_URL } from './security';

// Fakes shaped like the Electron objects the transport touches (no Electron binary here).
type Handler = (event: unknown, command: unknown, input: unknown) => Promise<Result<unknown>>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const mainFrame = { url: APP_ENTRY_URL, processId: 3, routingId: 1 };
  const sent: unknown[][] = [];
  const webContents = { mainFrame, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
  let win: { webContents: typeof webContents; isDestroyed: () => boolean } | null = { webContents, isDestroyed: () => false };
  const dispatch = vi.fn(async (command: unknown, _input: unknown): Promise<Result<unknown>> => ({ ok: true, value: `ran ${String(command)}` }));
  let emit: (name: EventName, payload: unknown) => void = () => {};
  const events = {
    subscribe: (l: (name: EventName, payload: unknown) => void) => {
      emit = l;
      return () => {
        emit = () => {};
      };
    },
  };
  const detach = attachIpcTransport({
    ipcMain: ipcMain as never,
    getWindow: () => win as never,
    registry: { dispatch },
    events,
    log: silentLogger,
  });
  const call = (event: unknown, command: unknown, input?: unknown) => {
    const h = handlers.get(IPC_INVOKE);
    if (!h) throw new Error('no handler registered');
    return h(event, command, input);
  };
  return { handlers, webContents, mainFrame, sent, dispatch, emit: (n: EventName, p: unknown) => emit(n, p), detach, call, closeWindow: () => (win = null) };
}

describe('Electron IPC transport', () => {
  it('dispatches a call from the app window’s main frame', async () => {
    const t = setup();
    const result = await t.call({ sender: t.webContents, senderFrame: t.mainFrame }, 'accounts.list', undefined);
    expect(result).toEqual({ ok: true, value: 'ran accounts.list' });
    expect(t.dispatch).toHaveBeenCalledWith('accounts.list', undefined);
  });

  it('answers UNAUTHORIZED, without dispatching, to a subframe, another web contents or a foreign page', async () => {
    const t = setup();
    const subframe = { url: APP_ENTRY_URL, processId: 3, routingId: 9 };
    const foreign = { ...t.mainFrame, url: 'https://evil.example/' };
    const otherContents = { mainFrame: t.mainFrame };
    for (const event of [
      { sender: t.webContents, senderFrame: subframe },
      { sender: otherContents, senderFrame: t.mainFrame },
      { sender: t.webContents, senderFrame: foreign },
      { sender: t.webContents, senderFrame: null },
    ]) {
      const result = await t.call(event, 'accounts.remove', { id: 'a1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    t.closeWindow();
    expect(await t.call({ sender: t.webContents, senderFrame: t.mainFrame }, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(t.dispatch).not.toHaveBeenCalled();
  });

  it('returns an INTERNAL Result rather than throwing if the registry ever throws', async () => {
    const t = setup();
    t.dispatch.mockRejectedValueOnce(new Error('boom at /secret/path'));
    const result = await t.call({ sender: t.webContents, senderFrame: t.mainFrame }, 'accounts.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('forwards events to the window on the event channel, and stops after detach', () => {
    const t = setup();
    t.emit('accounts.changed', []);
    expect(t.sent).toEqual([[IPC_EVENT, 'accounts.changed', []]]);
    t.detach();
    t.emit('accounts.changed', []);
    expect(t.sent).toHaveLength(1);
    expect(t.handlers.has(IPC_INVOKE)).toBe(false);
  });
});
