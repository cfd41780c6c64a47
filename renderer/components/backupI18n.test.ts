// The backup screens' plain modules in Brazilian Portuguese: the catalog's words, plurals by
// Intl.PluralRules('pt-BR'), and main's English sentences (a store's description, why an item cannot be
// restored) replaced by the catalog's; in English main's words stay as they are.
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreView } from '../../preload/contract';
import { i18n } from '../i18n';
import { buildSettings, emptyValues, storeDescription } from './storeDraft';
import { encryptionText, skippedReasonText, versionCountText } from './useRemoteListing';

const s3: StoreView = {
  id: 'st-abc123',
  name: 'Office',
  settings: { kind: 's3', region: 'sa-east-1', bucket: 'wa-backups', accessKeyId: 'AKIA' },
  hasSecret: true,
  description: 'S3 bucket wa-backups (sa-east-1)',
};
const pg: StoreView = { ...s3, settings: { kind: 'postgres', host: 'db.local', port: 5433, database: 'wa', user: 'app' }, description: 'PostgreSQL wa at db.local:5433' };
const NOT_A_SESSION = 'not named the way RemoteAuth names a session (RemoteAuth-<clientId>.zip or RemoteAuth.zip)';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('backup screens in English', () => {
  it('show main’s own words and today’s texts', () => {
    expect(storeDescription(s3)).toBe('S3 bucket wa-backups (sa-east-1)');
    expect(skippedReasonText(NOT_A_SESSION)).toBe(NOT_A_SESSION);
    expect(versionCountText(1)).toBe('1 version');
    expect(versionCountText(3)).toBe('3 versions');
    expect(encryptionText(false)).toBe('not encrypted');
    expect(buildSettings({ ...emptyValues('postgres'), port: '70000' })).toEqual({ ok: false, errors: { port: 'The port is a number from 1 to 65535.' } });
  });
});

describe('backup screens in Brazilian Portuguese', () => {
  it('read the catalog’s words, plurals included', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(versionCountText(1)).toBe('1 versão');
    expect(versionCountText(2)).toBe('2 versões');
    expect(versionCountText(1_000_000)).toBe('1000000 versões');
    expect(encryptionText(true)).toBe('criptografado');
    expect(encryptionText(false)).toBe('sem criptografia');
    expect(buildSettings({ ...emptyValues('mongo'), port: 'abc' })).toEqual({ ok: false, errors: { port: 'A porta é um número de 1 a 65535.' } });
  });

  it('replace main’s English description of a store with the catalog’s', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(storeDescription(s3)).toBe('Bucket S3 wa-backups (sa-east-1)');
    expect(storeDescription({ ...s3, settings: { ...s3.settings, endpoint: 'https://minio.local' } as StoreView['settings'] })).toBe('Bucket S3 wa-backups em https://minio.local');
    expect(storeDescription(pg)).toBe('PostgreSQL wa em db.local:5433');
    expect(storeDescription({ ...s3, settings: { kind: 'folder', path: '/mnt/backups' } })).toBe('Pasta /mnt/backups');
  });

  it('replace main’s reasons for what a store passed over, and never show an unknown one in English', async () => {
    await i18n.changeLanguage('pt-BR');
    expect(skippedReasonText(NOT_A_SESSION)).toBe('não tem o nome que o RemoteAuth dá a uma sessão (RemoteAuth-<clientId>.zip ou RemoteAuth.zip)');
    expect(skippedReasonText('the file is empty')).toBe('o arquivo está vazio');
    expect(skippedReasonText('holds no complete backup (an upload that never finished?)')).toBe('não tem nenhum backup completo (um envio que nunca terminou?)');
    expect(skippedReasonText('holds no RemoteAuth-sales.zip')).toBe('não contém RemoteAuth-sales.zip');
    expect(skippedReasonText('a reason main learned later')).toBe('não é um backup que este app consiga ler');
  });
});
