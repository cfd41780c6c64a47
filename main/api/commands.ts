// The contract's api.* commands (preload/contract.ts), to the ApiService that does them.
import type { Handlers } from '../ipc/CommandRegistry';
import type { ApiService } from './ApiService';

type ApiCommand = 'api.status' | 'api.configure' | 'api.createKey' | 'api.revokeKey' | 'api.addWebhook' | 'api.removeWebhook' | 'api.deliveries';

export function apiHandlers(api: ApiService): Pick<Handlers, ApiCommand> {
  return {
    'api.status': () => api.status(),
    'api.configure': (patch) => api.configure(patch),
    'api.createKey': ({ name, accounts }) => api.createKey(name, accounts),
    'api.revokeKey': ({ id }) => api.revokeKey(id),
    'api.addWebhook': (input) => api.addWebhook(input),
    'api.removeWebhook': ({ id }) => api.removeWebhook(id),
    'api.deliveries': ({ webhookId, limit }) => api.deliveries(webhookId, limit),
  };
}
