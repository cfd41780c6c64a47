import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { codeSigningOf } from './buildInfo';

const { signingFromEnv } = createRequire(import.meta.url)('../../scripts/afterPack.cjs') as {
  signingFromEnv(env: Record<string, string>, platform: string): { codeSigned: boolean; notarized: boolean };
};

describe('codeSigningOf', () => {
  it('reads what the packed build-info.json says; a missing or broken file counts as unsigned', () => {
    expect(codeSigningOf({ packaged: true, text: '{"platform":"darwin","codeSigned":true,"notarized":true}' })).toBe('signed');
    expect(codeSigningOf({ packaged: true, text: '{"platform":"linux","codeSigned":false}' })).toBe('unsigned');
    expect(codeSigningOf({ packaged: true, text: null })).toBe('unsigned');
    expect(codeSigningOf({ packaged: true, text: '{nope' })).toBe('unsigned');
  });

  it('an unpackaged app is a development build', () => {
    expect(codeSigningOf({ packaged: false, text: '{"codeSigned":true}' })).toBe('development');
  });
});

describe('signingFromEnv (scripts/afterPack.cjs)', () => {
  const appleId = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123' };
  it('macOS: signed with CSC_LINK or CSC_NAME, notarized with a full set of Apple credentials', () => {
    expect(signingFromEnv({}, 'darwin')).toEqual({ codeSigned: false, notarized: false });
    expect(signingFromEnv({ CSC_LINK: '/certs/dev.p12', CSC_KEY_PASSWORD: 'x' }, 'darwin')).toEqual({ codeSigned: true, notarized: false });
    expect(signingFromEnv({ CSC_LINK: '/certs/dev.p12', ...appleId }, 'darwin')).toEqual({ codeSigned: true, notarized: true });
    expect(signingFromEnv({ CSC_NAME: 'Developer ID Application: X', APPLE_KEYCHAIN_PROFILE: 'notary' }, 'darwin').notarized).toBe(true);
    // Incomplete credentials or no certificate: not notarized.
    expect(signingFromEnv({ CSC_LINK: '/certs/dev.p12', APPLE_ID: 'dev@example.com' }, 'darwin').notarized).toBe(false);
    expect(signingFromEnv(appleId, 'darwin').notarized).toBe(false);
  });

  it('Windows: signed with WIN_CSC_LINK, CSC_LINK or Azure Trusted Signing; Linux never', () => {
    expect(signingFromEnv({ WIN_CSC_LINK: 'C:\\certs\\win.pfx' }, 'win32').codeSigned).toBe(true);
    expect(signingFromEnv({ CSC_LINK: 'https://vault/cert.pfx' }, 'win32').codeSigned).toBe(true);
    expect(signingFromEnv({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }, 'win32').codeSigned).toBe(true);
    expect(signingFromEnv({ CSC_LINK: '  ' }, 'win32').codeSigned).toBe(false);
    expect(signingFromEnv({ CSC_LINK: '/certs/dev.p12' }, 'linux')).toEqual({ codeSigned: false, notarized: false });
  });
});
