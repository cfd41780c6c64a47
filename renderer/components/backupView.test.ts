import { describe, expect, it } from 'vitest';
import { CommandErrorCode, type BackupStatus } from '../../preload/contract';
import { agoText, failingSinceText, failingTitle, inText, lastBackupText, nextTryText, sizeText, waitingText } from './backupView';
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
