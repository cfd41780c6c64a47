// "Export diagnostics" through the command a window calls: what the zip holds, and what it must never
// hold (phone numbers, QR payloads, tokens, keys, passwords). The simulator version, with a linked
// account and a received message, is e2e/engine/diagnostics.int.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../preload/contract';
import { createApp, type App } from '../index';
import { createLogger } from '../log';
import { LogFile } from '../logFile';
import { leaks, readZip } from './testing/readZip';

const PHONE = '+44 7700 900123';
const QR = '2@Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1JkLm,Kp0Lo9Ik8Uj7Yh6Tg5Rf4Ed3Ws2Qa1=,Mn8Bv7Cx6Za5Sd4Fg3Hj2Kl1Qw0=,1';
const TOKEN = 'tok_Vq3Lm9Xr2Pz7Kd4';
const STORE_SECRET = 'S3cret-Of-The-Store-7f3a9c';
const ACCESS_KEY_ID = 'AKIAQUITEDISTINCT42';
const PASSPHRASE = 'correct horse battery staple 9041';

let dataDir: string;
let app: App;
let logFile: LogFile;

async function call<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<CommandOutput<K>> {
  const r = await app.registry.dispatch(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CommandOutput<K>;
}

/** Every string of 16+ characters in the app's key files: none may leave the computer. */
function keyMaterial(): string[] {
  const dir = join(dataDir, 'keys');
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 16) values.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8').trim();
    try {
      walk(JSON.parse(text));
    } catch {
      if (text.length >= 16) values.push(text);
    }
  }
  return values;
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'diagnostics-'));
  logFile = new LogFile();
  const log = createLogger(logFile.sink);
  app = await createApp({ dataDir, host: 'web', log, logFile, findBrowser: () => null, autoStart: false, guardProcess: false });
  await app.start();
  // What the app holds that must stay in: a store secret, a recovery passphrase, and log lines that
  // carry a number, a QR payload and a token (the logger redacts them; the export must too).
  await call('stores.save', { name: 'Office S3', settings: { kind: 's3', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', bucket: 'wa-backups', accessKeyId: ACCESS_KEY_ID }, secret: STORE_SECRET });
  await call('backup.setPassphrase', { passphrase: PASSPHRASE });
  await call('settings.update', { language: 'pt-BR', backupIntervalMin: 30 });
  const acc = await call('accounts.add', { label: 'Work' });
  await call('accounts.start', { id: acc.id });
  log.info(`account linked as ${PHONE}`, { accountId: acc.id });
  log.warn('qr shown', { accountId: acc.id, detail: `payload ${QR}` });
  log.info('api client connected', { token: TOKEN, phone: PHONE.replace(/\D/g, '') });
});

afterEach(async () => {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('app.exportDiagnostics', () => {
  it('writes a private zip of versions, settings, timelines and logs, and the web host gets its bytes', async () => {
    const file = await call('app.exportDiagnostics');
    expect(file.path).toBe(join(dataDir, 'diagnostics', file.fileName));
    expect(file.fileName).toMatch(/^wa-accounts-diagnostics-.*\.zip$/);
    const onDisk = readFileSync(file.path);
    expect(file.size).toBe(onDisk.length);
    expect(Buffer.from(file.data!, 'base64').equals(onDisk)).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'diagnostics')).mode & 0o777).toBe(0o700);
    }

    const files = await readZip(onDisk);
    expect([...files.keys()].sort()).toEqual(['README.txt', 'logs/app.log', 'settings.json', 'timelines/account-1.json', 'versions.json']);
    const versions = JSON.parse(files.get('versions.json')!) as Record<string, unknown>;
    expect(versions).toMatchObject({ whatsappWebJs: '1.34.7', node: process.versions.node, app: { host: 'web' }, os: { platform: process.platform } });
    const settings = JSON.parse(files.get('settings.json')!) as { app: unknown; stores: unknown[]; accounts: unknown[] };
    expect(settings.app).toEqual({ language: 'pt-BR', browser: 'automatic', startAtLogin: false, startHidden: true, closeBehaviour: 'keep-running', notifications: true, backupIntervalMin: 30 });
    expect(settings.stores).toEqual([expect.objectContaining({ name: 'Office S3', kind: 's3', hasSecret: true, settings: expect.objectContaining({ bucket: 'wa-backups', accessKeyId: '[set]' }) })]);
    expect(settings.accounts).toEqual([expect.objectContaining({ backup: expect.objectContaining({ enabled: false }) })]);
    const timeline = JSON.parse(files.get('timelines/account-1.json')!) as { session: { kind: string }; timeline: { state: string }[] };
    expect(timeline.timeline.map((e) => e.state)).toContain('added');
    // No browser here: the account failed, and the reason is what a support person needs.
    expect(timeline.session.kind).toBe('failed');
    const log = files.get('logs/app.log')!;
    expect(log).toContain('account linked as [number]');
    expect(log).toContain('payload [qr]');
    expect(log).toContain('"token":"[redacted]"');
  });

  it('holds no phone number, QR payload, token, key, password or store secret', async () => {
    const file = await call('app.exportDiagnostics');
    const files = await readZip(Buffer.from(file.data!, 'base64'));
    const secrets = [PHONE, PHONE.replace(/\D/g, ''), '7700 900123', QR, QR.slice(2, 30), TOKEN, STORE_SECRET, ACCESS_KEY_ID, PASSPHRASE, ...keyMaterial()];
    expect(keyMaterial().length).toBeGreaterThan(0);
    expect(leaks(files, secrets)).toEqual([]);
  });

  it('keeps the last five exports only', async () => {
    const names: string[] = [];
    for (let i = 0; i < 7; i++) {
      names.push((await call('app.exportDiagnostics')).fileName);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(readdirSync(join(dataDir, 'diagnostics')).sort()).toEqual(names.slice(2).sort());
  });
});
