// The store form's values as typed (all text), turned into stores.save / stores.test input, and main's
// INVALID_INPUT `field` ("settings.bucket", "name", "secret") turned back into the form field to blame.
import type { ApiError, StoreKind, StoreSettings, StoreView } from '../../preload/contract';
import { isEnglish, t } from '../i18n';
import { errorText, invalidField } from './errors';

export interface StoreFormValues {
  name: string;
  kind: StoreKind;
  path: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  /** null: not chosen, so main decides (path-style when an endpoint is given). */
  forcePathStyle: boolean | null;
  accessKeyId: string;
  host: string;
  port: string;
  database: string;
  user: string;
  ssl: boolean;
  /** The labelled opt-out of TLS for a server elsewhere (main/backup/storeConnections.ts). */
  insecure: boolean;
  authSource: string;
  /** Typed secret; empty on edit keeps the stored one. */
  secret: string;
}

export type FieldName = keyof StoreFormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

const DEFAULT_PORT: Partial<Record<StoreKind, string>> = { postgres: '5432', mongo: '27017' };

export function emptyValues(kind: StoreKind = 's3'): StoreFormValues {
  return {
    name: '',
    kind,
    path: '',
    endpoint: '',
    region: 'us-east-1',
    bucket: '',
    prefix: '',
    forcePathStyle: null,
    accessKeyId: '',
    host: '',
    port: DEFAULT_PORT[kind] ?? '',
    database: '',
    user: '',
    ssl: false,
    insecure: false,
    authSource: '',
    secret: '',
  };
}

/** Switching kinds keeps what was typed, and fills in the new kind's usual port. */
export function withKind(v: StoreFormValues, kind: StoreKind): StoreFormValues {
  const port = !v.port || Object.values(DEFAULT_PORT).includes(v.port) ? DEFAULT_PORT[kind] ?? '' : v.port;
  return { ...v, kind, port };
}

export function valuesOf(store: StoreView): StoreFormValues {
  const v = { ...emptyValues(store.settings.kind), name: store.name };
  const s = store.settings;
  switch (s.kind) {
    case 'folder':
      return { ...v, path: s.path };
    case 's3':
      return { ...v, endpoint: s.endpoint ?? '', region: s.region, bucket: s.bucket, prefix: s.prefix ?? '', forcePathStyle: s.forcePathStyle ?? null, accessKeyId: s.accessKeyId, insecure: s.insecure ?? false };
    case 'postgres':
      return { ...v, host: s.host, port: String(s.port), database: s.database, user: s.user, ssl: s.ssl ?? false, insecure: s.insecure ?? false };
    case 'mongo':
      return { ...v, host: s.host, port: String(s.port), database: s.database, user: s.user ?? '', authSource: s.authSource ?? '', insecure: s.insecure ?? false };
  }
}

/** Whether the path-style box shows as ticked: the user's choice, else what main would do. */
export function pathStyleChecked(v: StoreFormValues): boolean {
  return v.forcePathStyle ?? v.endpoint.trim() !== '';
}

export type Built = { ok: true; settings: StoreSettings } | { ok: false; errors: FieldErrors };

/** The settings to send; only what main cannot check as the user means it (a port as a number) is checked here. */
export function buildSettings(v: StoreFormValues): Built {
  const optional = (s: string) => (s.trim() === '' ? undefined : s);
  switch (v.kind) {
    case 'folder':
      return { ok: true, settings: { kind: 'folder', path: v.path } };
    case 's3':
      return {
        ok: true,
        settings: {
          kind: 's3',
          ...(optional(v.endpoint) ? { endpoint: v.endpoint.trim() } : {}),
          region: v.region,
          bucket: v.bucket,
          ...(optional(v.prefix) ? { prefix: v.prefix } : {}),
          ...(v.forcePathStyle !== null ? { forcePathStyle: v.forcePathStyle } : {}),
          accessKeyId: v.accessKeyId,
          ...(v.insecure ? { insecure: true } : {}),
        },
      };
    case 'postgres':
    case 'mongo': {
      const port = Number(v.port.trim());
      if (!/^\d+$/.test(v.port.trim()) || port < 1 || port > 65535) return { ok: false, errors: { port: t('backup:storeFields.portRange') } };
      const insecure = v.insecure ? { insecure: true } : {};
      if (v.kind === 'postgres') return { ok: true, settings: { kind: 'postgres', host: v.host, port, database: v.database, user: v.user, ...(v.ssl ? { ssl: true } : {}), ...insecure } };
      return {
        ok: true,
        settings: { kind: 'mongo', host: v.host, port, database: v.database, ...(optional(v.user) ? { user: v.user } : {}), ...(optional(v.authSource) ? { authSource: v.authSource } : {}), ...insecure },
      };
    }
  }
}

/** Main's INVALID_INPUT names the wrong field by its path; anything else is the form's own error. */
export function fieldOf(error: ApiError): FieldName | null {
  const path = invalidField(error);
  if (path === 'name' || path === 'secret') return path;
  const m = path ? /^settings\.(\w+)$/.exec(path) : null;
  const name = m?.[1];
  return name && name !== 'kind' && name in emptyValues() ? (name as FieldName) : null;
}

/** An error next to its field when main named one, else for the whole form. */
export function splitError(error: ApiError): { fields: FieldErrors; form: string | null } {
  const field = fieldOf(error);
  const text = errorText(error);
  return field ? { fields: { [field]: text }, form: null } : { fields: {}, form: text };
}

/** What a store is and where: main's words in English, else the same line from the catalog (main has no code for it). */
export function storeDescription(store: StoreView): string {
  if (isEnglish()) return store.description;
  const s = store.settings;
  switch (s.kind) {
    case 'folder':
      return t('backup:stores.description.folder', { path: s.path });
    case 's3':
      return s.endpoint ? t('backup:stores.description.s3Endpoint', { bucket: s.bucket, endpoint: s.endpoint }) : t('backup:stores.description.s3Region', { bucket: s.bucket, region: s.region });
    case 'postgres':
      return t('backup:stores.description.postgres', { database: s.database, host: s.host, port: s.port });
    case 'mongo':
      return t('backup:stores.description.mongo', { database: s.database, host: s.host, port: s.port });
  }
}
