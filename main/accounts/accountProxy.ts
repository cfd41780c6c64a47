// Each account's proxy: settings in SQLite (main/db/ProxyRepo.ts), the password in the app's secret
// store, handed in by the composition root as a SecretVault (main/accounts may not import main/backup).
import type { ProxyInput, ProxyView, SessionFailureCode } from '../../preload/contract';
import type { ProxyRepo, StoredProxy } from '../db/ProxyRepo';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { StartRefusal } from './AccountsPort';

/** The part of the app's secret store (main/backup/SecretStore.ts) accounts use. */
export interface SecretVault {
  get(ref: string): Promise<string | undefined>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
}

/** What a browser launch needs: Chromium's `--proxy-server` value, and the credentials for puppeteer's page.authenticate. */
export interface ResolvedProxy {
  server: string;
  credentials?: { username: string; password: string };
}

const secretRef = (accountId: string) => `proxy:${accountId}`;

/** `scheme://host:port`, an IPv6 address in brackets, as Chromium's `--proxy-server` takes it. */
export function proxyServer(p: Pick<StoredProxy, 'scheme' | 'host' | 'port'>): string {
  const host = p.host.includes(':') && !p.host.startsWith('[') ? `[${p.host}]` : p.host;
  return `${p.scheme}://${host}:${p.port}`;
}

/**
 * Chromium's net errors that mean the proxy itself failed: it refused or dropped the connection, did
 * not accept the tunnel, or wanted a sign-in it did not get. page.goto rejects with one of them at once.
 */
const PROXY_ERRORS = /net::ERR_(PROXY_[A-Z_]+|TUNNEL_CONNECTION_FAILED|SOCKS_CONNECTION_FAILED|SOCKS_CONNECTION_HOST_UNREACHABLE|NO_SUPPORTED_PROXIES|MANDATORY_PROXY_CONFIGURATION_FAILED)/;

/** Why a launch failed, as the account shows it: the proxy's own failure, or the browser's. */
export function launchFailure(error: string): { code: SessionFailureCode; message: string } {
  const proxy = PROXY_ERRORS.exec(error);
  if (proxy) return { code: 'PROXY_UNREACHABLE', message: `This account's proxy could not be reached or refused the connection (${proxy[0]}). Check the proxy in the account's details, or remove it.` };
  return { code: 'LAUNCH_FAILED', message: `The browser for this account could not start WhatsApp Web (${error}).` };
}

export class AccountProxies {
  /** Resolved with its password before each start (AccountManager's kick), so the session's own retries need no await. */
  private readonly resolved = new Map<string, ResolvedProxy | null>();

  constructor(
    private readonly repo: ProxyRepo,
    private readonly secrets: SecretVault | undefined,
  ) {}

  view(accountId: string): ProxyView | null {
    return this.repo.get(accountId) ?? null;
  }

  async set(accountId: string, input: ProxyInput | null): Promise<void> {
    if (!input) {
      this.repo.delete(accountId);
      await this.secrets?.delete(secretRef(accountId));
      this.resolved.set(accountId, null);
      return;
    }
    const username = input.username ? input.username : null;
    if (input.scheme === 'socks5' && (username || input.password)) {
      throw new AppError('INVALID_INPUT', 'Chromium cannot sign in to a SOCKS5 proxy: use a SOCKS5 proxy without a user and password, or an HTTP or HTTPS proxy', 'username');
    }
    const before = this.repo.get(accountId);
    let hasPassword = false;
    if (username && input.password !== undefined) {
      await this.vault().set(secretRef(accountId), input.password);
      hasPassword = true;
    } else if (username && before?.username === username) {
      hasPassword = before.hasPassword;
    } else {
      // A password belongs to its user: a new user (or none) without a new password keeps no old one.
      await this.secrets?.delete(secretRef(accountId));
    }
    this.repo.set(accountId, { scheme: input.scheme, host: input.host, port: input.port, username, hasPassword });
    await this.resolve(accountId);
  }

  /** Reads the proxy and its password for the next launch. */
  async resolve(accountId: string): Promise<ResolvedProxy | null> {
    const p = this.repo.get(accountId);
    const password = p?.username && p.hasPassword ? await this.vault().get(secretRef(accountId)) : undefined;
    const resolved = p ? { server: proxyServer(p), ...(p.username ? { credentials: { username: p.username, password: password ?? '' } } : {}) } : null;
    this.resolved.set(accountId, resolved);
    return resolved;
  }

  /** Before a start: the proxy with its password read, or why the account cannot start (the keychain failed). */
  async prepare(accountId: string): Promise<StartRefusal | null> {
    try {
      await this.resolve(accountId);
      return null;
    } catch (err) {
      return { code: 'LAUNCH_FAILED', message: `The password of this account's proxy could not be read from the keychain (${err instanceof Error ? err.message : String(err)}).` };
    }
  }

  /** The proxy of the last resolve (undefined: none). */
  forLaunch(accountId: string): ResolvedProxy | undefined {
    return this.resolved.get(accountId) ?? undefined;
  }

  /** The account is gone: its password too (its row goes with the account's). A failure is logged, never thrown. */
  async forget(accountId: string, log: Logger): Promise<void> {
    this.resolved.delete(accountId);
    await this.secrets?.delete(secretRef(accountId)).catch((err: unknown) => log.warn('could not delete a proxy password', { account: accountId, error: err instanceof Error ? err.message : String(err) }));
  }

  private vault(): SecretVault {
    if (!this.secrets) throw new AppError('INTERNAL', 'No secret store to keep the proxy password in.');
    return this.secrets;
  }
}
