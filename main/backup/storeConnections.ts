// How the app reaches a store from its settings: connection options built as objects, never a URL
// assembled from fields (a host of `db?sslmode=disable&host=…#` once changed the target), and TLS with
// certificate verification on by default for every server that is not on this computer.
import type { ClientConfig } from 'pg';
import type { MongoClientOptions } from 'mongodb';
import type { StoreSettings } from '../../preload/contract';
import { AppError } from '../errors';

type Pg = Extract<StoreSettings, { kind: 'postgres' }>;
type Mongo = Extract<StoreSettings, { kind: 'mongo' }>;
type S3 = Extract<StoreSettings, { kind: 's3' }>;

/** This computer: a server here is reached without the network, so plain connections are the default. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** TLS unless the server is on this computer or the user ticked the labelled opt-out; an explicit ssl: true always wins. */
function wantsTls(host: string, s: { insecure?: boolean; ssl?: boolean }): boolean {
  if ('ssl' in s && s.ssl) return true;
  return !isLoopback(host) && !s.insecure;
}

export function postgresConnection(s: Pg, secret: string | undefined): ClientConfig {
  return {
    host: s.host.replace(/^\[|\]$/g, ''),
    port: s.port,
    database: s.database,
    user: s.user,
    ...(secret !== undefined ? { password: secret } : {}),
    ...(wantsTls(s.host, s) ? { ssl: { rejectUnauthorized: true, servername: s.host } } : {}),
  };
}

/** The URI names only host and port; credentials and TLS go in as driver options. */
export function mongoConnection(s: Mongo, secret: string | undefined): { uri: string; options: MongoClientOptions } {
  const host = s.host.includes(':') && !s.host.startsWith('[') ? `[${s.host}]` : s.host;
  return {
    uri: `mongodb://${host}:${s.port}/`,
    options: {
      ...(s.user ? { auth: { username: s.user, ...(secret !== undefined ? { password: secret } : {}) } } : {}),
      ...(s.authSource ? { authSource: s.authSource } : {}),
      ...(wantsTls(s.host, s) ? { tls: true, tlsAllowInvalidCertificates: false, tlsAllowInvalidHostnames: false } : {}),
    },
  };
}

/** S3 over plain http only to this computer (a test server) or with the labelled opt-out. */
export function checkS3Transport(s: S3): void {
  if (!s.endpoint) return; // AWS itself: the SDK uses https
  const url = new URL(s.endpoint);
  if (url.protocol === 'https:' || isLoopback(url.hostname) || s.insecure) return;
  throw new AppError(
    'INVALID_INPUT',
    'This endpoint uses plain http, so the backups and the signature of every request would cross the network unencrypted. Use https, or tick "Allow an unencrypted connection" for a local or test server.',
    'settings.endpoint',
  );
}
