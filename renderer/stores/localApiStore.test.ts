import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ApiStatus, DeliveryView } from '../../preload/contract';
import { installFakeApi, type FakeApi } from './testing/fakeApi';

let api: FakeApi;
beforeEach(() => {
  vi.resetModules();
  api = installFakeApi();
});
afterEach(() => vi.unstubAllGlobals());

const status = (webhooks: string[] = ['wh-aaaaaa']): ApiStatus => ({
  settings: { enabled: true, port: 8790, allowedOrigins: [] },
  listening: 'http://127.0.0.1:8790',
  error: null,
  keys: [],
  webhooks: webhooks.map((id) => ({ id, accountId: 'acc-1', url: 'http://127.0.0.1:4000/hook', events: ['message'], createdAt: 1 })),
});
const delivery = (id: string, over: Partial<DeliveryView> = {}): DeliveryView => ({ id, webhookId: 'wh-aaaaaa', event: 'message', createdAt: 1, attempts: 0, status: 'pending', lastStatus: null, lastError: null, nextAt: 1, deliveredAt: null, ...over });

it('the delivery log fills from api.delivery, newest first, and a retried delivery is updated in place', async () => {
  const { bindStores } = await import('./bindings');
  const { useLocalApiStore } = await import('./localApiStore');
  bindStores();
  api.emit('api.changed', status());
  api.emit('api.delivery', delivery('msg_1'));
  api.emit('api.delivery', delivery('msg_2'));
  api.emit('api.delivery', delivery('msg_1', { attempts: 1, status: 'delivered', lastStatus: 200 }));
  expect(useLocalApiStore.getState().deliveries.map((d) => [d.id, d.status])).toEqual([['msg_2', 'pending'], ['msg_1', 'delivered']]);
  // A removed webhook's deliveries leave the log with it.
  api.emit('api.changed', status([]));
  expect(useLocalApiStore.getState().deliveries).toEqual([]);
});
