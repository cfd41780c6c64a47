import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandErrorCode, type BackupStatus } from '../../preload/contract';
import { i18n } from '../i18n';
import { agoText, dateFormat, failingMessage, failingSinceText, failingTitle, inText, kindName, lastBackupText, nextTryText, secretName, sizeText, STORE_KINDS, waitingText } from './backupView';
import { chipFor, isLeaseFailure } from './sessionView';
import { buildSettings, emptyValues, fieldOf, pathStyleChecked, withKind } from './storeDraft';

const NOW = 1_700_000_000_000;
const status = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  enabled: true,
  storeId: 'st-abcdef',
  intervalMin: 15,
  encrypt: true,
  activity: 'waiting',
  last: null,
  failing: null,
  nextAt: null,
  ...over,
});

describe('backup wording', () => {
  it('reads the last backup as "Last backup 3 min ago · 4.1 MB · took 2 s"', () => {
    expect(lastBackupText({ at: NOW - 3 * 60_000, size: 4_100_000, durationMs: 2_300 }, NOW)).toBe('Last backup 3 min ago · 4.1 MB · took 2 s');
    expect(lastBackupText({ at: NOW - 1000, size: 3_300, durationMs: 400 }, NOW, 'Last good backup')).toBe('Last good backup just now · 3.3 KB · took under 1 s');
  });

  it('sizes and times in short words', () => {
    expect([sizeText(512), sizeText(48_200), sizeText(120_000_000), sizeText(2_500_000_000)]).toEqual(['512 B', '48 KB', '120 MB', '2.5 GB']);
    expect([agoText(NOW - 40_000, NOW), agoText(NOW - 2 * 3600_000, NOW), agoText(NOW - 3 * 86400_000, NOW)]).toEqual(['40 s ago', '2 h ago', '3 days ago']);
    expect([inText(NOW + 30_000, NOW), inText(NOW + 12 * 60_000, NOW), inText(NOW - 1, NOW)]).toEqual(['in 30 s', 'in 12 min', 'now']);
  });

  it('says since when backups fail and when the next try is', () => {
    const failing = { since: NOW - 5 * 60_000, code: 'STORE_UNREACHABLE' as const, message: 'down', nextTryAt: NOW + 120_000 };
    expect(failingSinceText(failing, NOW)).toMatch(/^Failing since .+ \(5 min ago\)$/);
    expect(nextTryText(failing, NOW)).toBe('Next try in 2 min.');
    expect(nextTryText({ ...failing, nextTryAt: null }, NOW)).toMatch(/No retry/);
  });

  it('says what comes next while waiting', () => {
    expect(waitingText(status({ nextAt: NOW + 45_000 }), NOW)).toBe('No backup yet. The first one runs in 45 s.');
    expect(waitingText(status({ nextAt: NOW + 14 * 60_000, last: { at: NOW - 60_000, size: 1, durationMs: 1 } }), NOW)).toBe('Next backup in 14 min.');
  });

  it('knows the lease failures, and the chip says the account is open elsewhere', () => {
    expect((['LEASE_HELD', 'LEASE_LOST', 'BROWSER_NOT_FOUND'] as const).map(isLeaseFailure)).toEqual([true, true, false]);
    expect(chipFor({ kind: 'failed', code: 'LEASE_HELD', message: 'x' }, NOW)).toMatchObject({ text: 'Needs attention · open elsewhere', tone: 'warn' });
  });

  it('names the cause of failing backups for every code a command can answer, each in its own words', () => {
    const titles = CommandErrorCode.options.map(failingTitle);
    for (const title of titles) expect(title).toMatch(/^Backups are failing: [a-z].{8,}[^.]$/);
    expect(new Set(titles).size).toBe(CommandErrorCode.options.length);
    expect(failingTitle('STORE_FULL')).toBe('Backups are failing: the store is full');
    expect(failingTitle('STORE_UNREACHABLE')).toBe('Backups are failing: the store cannot be reached');
  });
});

describe('backup wording in Brazilian Portuguese', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('pt-BR');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('reads the last backup with a decimal comma and Portuguese times', () => {
    expect(lastBackupText({ at: NOW - 3 * 60_000, size: 4_100_000, durationMs: 400 }, NOW)).toBe('Último backup há 3 min · 4,1 MB · levou menos de 1 s');
    expect([agoText(NOW - 1000, NOW), agoText(NOW - 40_000, NOW), agoText(NOW - 3 * 86400_000, NOW)]).toEqual(['agora mesmo', 'há 40 s', 'há 3 dias']);
    expect([inText(NOW + 30_000, NOW), inText(NOW + 12 * 60_000, NOW), inText(NOW - 1, NOW)]).toEqual(['em 30 s', 'em 12 min', 'agora']);
  });

  it('says what comes next and why backups fail, with the code\'s sentence instead of main\'s English message', () => {
    const failing = { since: NOW - 5 * 60_000, code: 'STORE_FULL' as const, message: 'The bucket is over its quota.', nextTryAt: NOW + 120_000 };
    expect(failingTitle('STORE_FULL')).toBe('Os backups estão falhando: o armazenamento está cheio');
    expect(failingMessage(failing)).toBe('O armazenamento está cheio: libere espaço ou escolha outro armazenamento.');
    expect(failingSinceText(failing, NOW)).toMatch(/^Falhando desde .+ \(há 5 min\)$/);
    expect(nextTryText(failing, NOW)).toBe('Próxima tentativa em 2 min.');
    expect(waitingText(status({ nextAt: NOW + 45_000 }), NOW)).toBe('Nenhum backup ainda. O primeiro será feito em 45 s.');
  });

  it('words every failing code in Portuguese, each differently', () => {
    const titles = CommandErrorCode.options.map(failingTitle);
    for (const title of titles) expect(title).toMatch(/^Os backups estão falhando: \p{Ll}.{8,}[^.]$/u);
    expect(new Set(titles).size).toBe(CommandErrorCode.options.length);
    const messages = CommandErrorCode.options.map((code) => failingMessage({ code, message: 'English from main' }));
    expect(messages).not.toContain('English from main');
    expect(new Set(messages).size).toBe(CommandErrorCode.options.length);
  });

  it('names store kinds and secrets in the language of the moment', async () => {
    expect(STORE_KINDS.map((k) => k.name)).toEqual(['Armazenamento compatível com S3', 'Pasta', 'PostgreSQL', 'MongoDB']);
    expect([kindName('folder'), secretName('s3'), secretName('postgres')]).toEqual(['Pasta', 'Chave de acesso secreta', 'Senha']);
    expect(dateFormat({ dateStyle: 'medium' }).resolvedOptions().locale).toBe('pt-BR');
    await i18n.changeLanguage('en');
    expect(kindName('folder')).toBe('Folder');
    // English keeps the system's date format, as before.
    expect(dateFormat({ dateStyle: 'medium' }).resolvedOptions().locale).toBe(new Intl.DateTimeFormat().resolvedOptions().locale);
    expect(failingMessage({ code: 'STORE_FULL', message: 'The bucket is over its quota.' })).toBe('The bucket is over its quota.');
  });
});

describe('store form values', () => {
  it('sends only what was filled in, and a port as a number', () => {
    const s3 = buildSettings({ ...emptyValues('s3'), bucket: 'b', accessKeyId: 'k' });
    expect(s3).toEqual({ ok: true, settings: { kind: 's3', region: 'us-east-1', bucket: 'b', accessKeyId: 'k' } });
    const pg = buildSettings({ ...emptyValues('postgres'), host: 'db', database: 'wa', user: 'u' });
    expect(pg).toEqual({ ok: true, settings: { kind: 'postgres', host: 'db', port: 5432, database: 'wa', user: 'u' } });
    expect(buildSettings({ ...emptyValues('mongo'), port: 'x' })).toEqual({ ok: false, errors: { port: expect.any(String) } });
  });

  it('path-style follows the endpoint until the user chooses', () => {
    expect(pathStyleChecked(emptyValues('s3'))).toBe(false);
    expect(pathStyleChecked({ ...emptyValues('s3'), endpoint: 'http://minio:9000' })).toBe(true);
    expect(pathStyleChecked({ ...emptyValues('s3'), endpoint: 'http://minio:9000', forcePathStyle: false })).toBe(false);
  });

  it('switching kinds swaps the usual port but keeps a typed one', () => {
    expect(withKind(emptyValues('postgres'), 'mongo').port).toBe('27017');
    expect(withKind({ ...emptyValues('postgres'), port: '6543' }, 'mongo').port).toBe('6543');
  });

  it('maps INVALID_INPUT fields to form fields', () => {
    expect(fieldOf({ code: 'INVALID_INPUT', message: 'x', field: 'settings.bucket' })).toBe('bucket');
    expect(fieldOf({ code: 'INVALID_INPUT', message: 'x', field: 'name' })).toBe('name');
    expect(fieldOf({ code: 'INVALID_INPUT', message: 'x', field: 'settings.kind' })).toBeNull();
    expect(fieldOf({ code: 'STORE_AUTH_FAILED', message: 'x' })).toBeNull();
  });
});
