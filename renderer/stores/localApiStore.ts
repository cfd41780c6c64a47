// The "Local API" area: the API's settings and whether it listens (api.status), its keys and webhooks,
// and the webhooks' delivery log. Loaded once (loadStores in bindings.ts), then replaced from
// api.changed and patched from api.delivery, so the log fills as deliveries happen. The key and the
// signing secret a create answers are handed back to the form that asked and never kept here.
import { create } from 'zustand';
import type { ApiError, ApiStatus, CommandInput, CommandOutput, DeliveryView, Result } from '../../preload/contract';
import { call } from './api';

/** The newest deliveries shown in the log. */
export const DELIVERY_LOG_SIZE = 50;

export interface LocalApiState {
  status: ApiStatus | null;
  loadStatus: 'idle' | 'loading' | 'loaded' | 'failed';
  loadError: ApiError | null;
  deliveries: DeliveryView[];
  load(): Promise<void>;
  /** api.changed: main's whole API state. */
  receive(status: ApiStatus): void;
  /** api.delivery: a delivery was queued, tried or made. */
  receiveDelivery(delivery: DeliveryView): void;
  configure(patch: CommandInput<'api.configure'>): Promise<Result<ApiStatus>>;
  createKey(input: CommandInput<'api.createKey'>): Promise<Result<CommandOutput<'api.createKey'>>>;
  revokeKey(id: string): Promise<Result<CommandOutput<'api.revokeKey'>>>;
  addWebhook(input: CommandInput<'api.addWebhook'>): Promise<Result<CommandOutput<'api.addWebhook'>>>;
  removeWebhook(id: string): Promise<Result<{ id: string }>>;
}

export const useLocalApiStore = create<LocalApiState>()((set) => ({
  status: null,
  loadStatus: 'idle',
  loadError: null,
  deliveries: [],

  load: async () => {
    set((s) => ({ loadStatus: s.loadStatus === 'loaded' ? 'loaded' : 'loading', loadError: null }));
    const [status, deliveries] = await Promise.all([call('api.status'), call('api.deliveries', { limit: DELIVERY_LOG_SIZE })]);
    if (!status.ok) return set({ loadStatus: 'failed', loadError: status.error });
    set({ status: status.value, loadStatus: 'loaded', ...(deliveries.ok ? { deliveries: deliveries.value } : {}) });
  },

  receive: (status) => set((s) => ({ status, loadStatus: 'loaded', loadError: null, deliveries: s.deliveries.filter((d) => status.webhooks.some((w) => w.id === d.webhookId)) })),

  receiveDelivery: (delivery) =>
    set((s) => {
      const known = s.deliveries.some((d) => d.id === delivery.id);
      const deliveries = known ? s.deliveries.map((d) => (d.id === delivery.id ? delivery : d)) : [delivery, ...s.deliveries].slice(0, DELIVERY_LOG_SIZE);
      return { deliveries };
    }),

  configure: async (patch) => {
    const result = await call('api.configure', patch);
    if (result.ok) set({ status: result.value });
    return result;
  },

  createKey: (input) => call('api.createKey', input),
  revokeKey: (id) => call('api.revokeKey', { id }),
  addWebhook: (input) => call('api.addWebhook', input),
  removeWebhook: (id) => call('api.removeWebhook', { id }),
}));

export const selectApiStatus = (s: LocalApiState) => s.status;
export const selectApiLoad = (s: LocalApiState) => s.loadStatus;
export const selectDeliveries = (s: LocalApiState) => s.deliveries;
