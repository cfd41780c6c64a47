// The local API as the app runs it: off until the user turns it on, then an HTTP server on 127.0.0.1,
// the event stream and the webhooks' deliveries; off again, nothing leaves the app. Keys and webhooks
// are managed here for the UI's commands (api.* in preload/contract.ts).
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ApiEventKind, ApiKeyView, ApiSettings, ApiStatus, DeliveryView, WebhookView } from '../../preload/contract';
import type { AccountsMessaging } from '../accounts/MessagingPort';
import type { ApiRepo } from '../db/ApiRepo';
import { AppError, notFound } from '../errors';
import type { Logger } from '../log';
import { ApiEvents, type ApiAccountEvents, type ApiBackupEvents } from './ApiEvents';
import { ApiServer } from './ApiServer';
import { hashKey, newId, newKeySecret, publicKey } from './keys';
import { openSecret, sealSecret, type SecretWrapper } from './secrets';
import type { ApiAccounts } from './routes';
import { DEFAULT_DELIVERY_SETTINGS, WebhookDispatcher, type DeliverySettings } from './WebhookDispatcher';

export interface ApiServiceDeps {
  repo: ApiRepo;
  accounts: ApiAccounts & ApiAccountEvents;
  messaging: AccountsMessaging | null;
  backup: ApiBackupEvents | null;
  log: Logger;
  version: string;
  delivery?: DeliverySettings;
  /** Wraps webhook secrets before they are stored (the app's key protector). */
  protector?: SecretWrapper;
  now?: () => number;
}

export interface ApiServiceEvents {
  changed: [status: ApiStatus];
  delivery: [delivery: DeliveryView];
}

export class ApiService extends EventEmitter<ApiServiceEvents> {
  private readonly events: ApiEvents;
  private readonly server: ApiServer;
  private readonly dispatcher: WebhookDispatcher;
  private readonly now: () => number;
  private listening: string | null = null;
  private error: string | null = null;
  private started = false;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ApiServiceDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.events = new ApiEvents({ accounts: deps.accounts, messaging: deps.messaging, backup: deps.backup, now: this.now });
    const log = deps.log.child({ area: 'api' });
    this.server = new ApiServer({ repo: deps.repo, accounts: deps.accounts, messaging: deps.messaging, events: this.events, allowedOrigins: () => deps.repo.settings().allowedOrigins, log, now: this.now, version: deps.version, onKeyUsed: () => this.announce() });
    const protector = deps.protector ?? null;
    this.dispatcher = new WebhookDispatcher(deps.repo, log, deps.delivery ?? DEFAULT_DELIVERY_SETTINGS, this.now, (stored) => openSecret(stored, protector));
    this.dispatcher.on('delivery', (d) => this.emit('delivery', d));
    this.events.on('event', (e) => this.dispatcher.enqueue(e));
  }

  async start(): Promise<void> {
    this.started = true;
    await this.apply();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.apply();
  }

  status(): ApiStatus {
    const { repo } = this.deps;
    return { settings: repo.settings(), listening: this.listening, error: this.error, keys: repo.keys().map(publicKey), webhooks: repo.webhooks().map(publicWebhook) };
  }

  /** Saves the settings and answers once the server runs with them (or says why it cannot). */
  async configure(patch: Partial<ApiSettings>): Promise<ApiStatus> {
    const next = { ...this.deps.repo.settings(), ...patch };
    this.deps.repo.saveSettings(next);
    await this.apply(true);
    return this.status();
  }

  createKey(name: string, accounts: string[] | null): { key: ApiKeyView; secret: string } {
    for (const id of accounts ?? []) if (!this.deps.accounts.find(id)) throw new AppError('INVALID_INPUT', 'One of the chosen accounts no longer exists.', 'accounts');
    const secret = newKeySecret();
    const stored = { id: newId('key'), name, hash: hashKey(secret), prefix: secret.slice(0, 10), accounts, createdAt: this.now(), lastUsedAt: null, revokedAt: null };
    this.deps.repo.insertKey(stored);
    this.announce();
    return { key: publicKey(stored), secret };
  }

  revokeKey(id: string): ApiKeyView {
    const key = this.deps.repo.revokeKey(id, this.now());
    if (!key) throw notFound('That API key');
    this.server.closeStreams(id);
    this.announce();
    return publicKey(key);
  }

  async addWebhook(input: { accountId: string; url: string; events: ApiEventKind[] }): Promise<{ webhook: WebhookView; secret: string }> {
    if (!this.deps.accounts.find(input.accountId)) throw notFound('That account');
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const hook = { id: newId('wh'), accountId: input.accountId, url: input.url, events: [...new Set(input.events)], secret: await sealSecret(secret, this.deps.protector ?? null), createdAt: this.now() };
    this.deps.repo.insertWebhook(hook);
    this.announce();
    return { webhook: publicWebhook(hook), secret };
  }

  removeWebhook(id: string): { id: string } {
    if (!this.deps.repo.deleteWebhook(id)) throw notFound('That webhook');
    this.announce();
    return { id };
  }

  deliveries(webhookId: string | undefined, limit = 100): DeliveryView[] {
    return this.deps.repo.deliveries(webhookId, limit);
  }

  /** Brings the server, events and deliveries in line with the settings; one change at a time. */
  private apply(announce = false): Promise<void> {
    this.applying = this.applying.then(() => this.reconcile()).finally(() => announce && this.announce());
    return this.applying;
  }

  private async reconcile(): Promise<void> {
    const { enabled, port } = this.deps.repo.settings();
    const want = this.started && enabled;
    const wantedAddress = `:${port}`;
    if (this.listening && (!want || !this.listening.endsWith(wantedAddress))) {
      await this.server.stop();
      this.listening = null;
    }
    if (!want) {
      this.events.stop();
      await this.dispatcher.stop();
      this.error = null;
      return;
    }
    this.events.start();
    this.dispatcher.start();
    if (this.listening) return;
    try {
      this.listening = await this.server.start(port);
      this.error = null;
      this.deps.log.info('local API listening', { port });
    } catch (err) {
      const code = (err as { code?: string }).code;
      this.error = code === 'EADDRINUSE' ? `Port ${port} is in use by another program. Choose another port.` : `The API could not start: ${(err as Error).message}`;
      this.deps.log.warn('local API could not start', { port, code });
    }
  }

  private announce(): void {
    this.emit('changed', this.status());
  }
}

const publicWebhook = ({ secret: _secret, ...view }: WebhookView & { secret: string }): WebhookView => view;
