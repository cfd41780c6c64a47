import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from './contract';

// No Electron binary here: stand in for the two objects the preload touches.
type Listener = (event: unknown, ...args: unknown[]) => void;
const bridge = vi.hoisted(() => ({ exposed: new Map<string, unknown>() }));
const ipc = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    listeners,
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: [] })),
    on: vi.fn((channel: string, l: (...a: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    }),
    removeListener: vi.fn((channel: string, l: (...a: unknown[]) => void) => {
      listeners.get(channel)?.delete(l);
    }),
    emit(channel: string, ...args: unknown[]) {
      for (const l of listeners.get(channel) ?? []) (l as Listener)({ sender: 'ipcRenderer' }, ...args);
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value) },
  ipcRenderer: ipc,
}));

const { createIpcApi } = await import('./index');
import type { Api } from './api';

describe('preload bridge', () => {
  beforeEach(() => {
    ipc.invoke.mockClear();
    ipc.on.mockClear();
    ipc.listeners.clear();
  });

  it('exposes exactly { invoke, on } as window.api, not ipcRenderer', () => {
    const api = bridge.exposed.get('api') as Record<string, unknown>;
    expect([...bridge.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('invokes over the contract channel and returns main’s Result', async () => {
    const api = createIpcApi(ipc as never);
    ipc.invoke.mockResolvedValueOnce({ ok: true, value: { id: 'a1', label: 'Work', createdAt: 1 } });
    const result = await api.invoke('accounts.add', { label: 'Work' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'accounts.add', { label: 'Work' });
    expect(result).toEqual({ ok: true, value: { id: 'a1', label: 'Work', createdAt: 1 } });
  });

  it('turns a failed channel into an error Result instead of a rejected promise', async () => {
    const api = createIpcApi(ipc as never);
    ipc.invoke.mockRejectedValueOnce(new Error('Error invoking remote method: reply was never sent'));
    const result = await api.invoke('accounts.list');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
  });

  it('forwards only the subscribed contract event, payload only, and unsubscribes', () => {
    const api: Api = createIpcApi(ipc as never);
    const seen: unknown[][] = [];
    const off = api.on('accounts.changed', (...args: unknown[]) => seen.push(args));
    ipc.emit(IPC_EVENT, 'accounts.changed', [{ id: 'a1', label: 'Work', createdAt: 1 }]);
    ipc.emit(IPC_EVENT, 'something.else', 'nope');
    expect(seen).toEqual([[[{ id: 'a1', label: 'Work', createdAt: 1 }]]]);
    off();
    ipc.emit(IPC_EVENT, 'accounts.changed', []);
    expect(seen).toHaveLength(1);
    expect(ipc.listeners.get(IPC_EVENT)?.size).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not define', () => {
    const api = createIpcApi(ipc as never);
    expect(() => api.on('secret.channel' as never, () => {})).toThrow(/Unknown event "secret.channel"/);
    expect(ipc.on).not.toHaveBeenCalledWith(IPC_EVENT, expect.anything());
  });
});
