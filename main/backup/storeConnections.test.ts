import { expect, it } from 'vitest';
import { StoreSettings } from '../../preload/contract';
import { checkS3Transport, isLoopback, mongoConnection, postgresConnection } from './storeConnections';

const pg = { kind: 'postgres' as const, host: 'db.example.com', port: 5432, database: 'wa', user: 'backup' };
const mongo = { kind: 'mongo' as const, host: 'mongo.example.com', port: 27017, database: 'wa', user: 'backup', authSource: 'admin' };
const s3 = { kind: 's3' as const, endpoint: 'http://minio.example.com:9000', region: 'us-east-1', bucket: 'b', accessKeyId: 'k' };

it('a host value can no longer change where a connection goes: only a name or an address is accepted', () => {
  for (const host of ['db?sslmode=disable&host=127.0.0.1#', 'user:pw@evil.example', 'db/other', 'a b', 'db#x', 'db,evil:1']) {
    const r = StoreSettings.safeParse({ ...pg, host });
    expect(r.success, host).toBe(false);
    expect(StoreSettings.safeParse({ ...mongo, host }).success, host).toBe(false);
  }
  for (const host of ['db.example.com', '10.0.0.5', 'localhost', '::1', '[fd00::5]', 'my-db']) expect(StoreSettings.safeParse({ ...pg, host }).success, host).toBe(true);
});

it('PostgreSQL: settings become an object, with TLS and certificate checks on for a server elsewhere', () => {
  expect(postgresConnection(pg, 'pw')).toEqual({ host: 'db.example.com', port: 5432, database: 'wa', user: 'backup', password: 'pw', ssl: { rejectUnauthorized: true, servername: 'db.example.com' } });
  expect(postgresConnection({ ...pg, host: '127.0.0.1' }, 'pw').ssl).toBeUndefined();
  expect(postgresConnection({ ...pg, insecure: true }, 'pw').ssl).toBeUndefined();
  expect(postgresConnection({ ...pg, host: 'localhost', ssl: true }, undefined)).toMatchObject({ ssl: { rejectUnauthorized: true } });
  expect(JSON.stringify(postgresConnection(pg, 'pw'))).not.toMatch(/postgres:\/\//);
});

it('MongoDB: the URI names host and port only; credentials and TLS are driver options', () => {
  const c = mongoConnection(mongo, 'pw');
  expect(c.uri).toBe('mongodb://mongo.example.com:27017/');
  expect(c.options).toEqual({ auth: { username: 'backup', password: 'pw' }, authSource: 'admin', tls: true, tlsAllowInvalidCertificates: false, tlsAllowInvalidHostnames: false });
  expect(mongoConnection({ ...mongo, host: '127.0.0.1' }, 'pw').options.tls).toBeUndefined();
  expect(mongoConnection({ ...mongo, host: '::1' }, undefined).uri).toBe('mongodb://[::1]:27017/');
});

it('S3: plain http only to this computer or with the labelled opt-out', () => {
  expect(() => checkS3Transport(s3)).toThrow(/plain http/);
  expect(() => checkS3Transport({ ...s3, endpoint: 'https://minio.example.com' })).not.toThrow();
  expect(() => checkS3Transport({ ...s3, endpoint: 'http://127.0.0.1:9000' })).not.toThrow();
  expect(() => checkS3Transport({ ...s3, insecure: true })).not.toThrow();
  expect(() => checkS3Transport({ ...s3, endpoint: undefined })).not.toThrow();
});

it('loopback is this computer only', () => {
  for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'a.localhost']) expect(isLoopback(h), h).toBe(true);
  for (const h of ['10.0.0.1', 'localhost.example.com', '128.0.0.1', 'db']) expect(isLoopback(h), h).toBe(false);
});
