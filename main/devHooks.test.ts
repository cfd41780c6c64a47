import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devHooks } from './devHooks';

const env = {
  WA_ACCOUNTS_DEV_ENGINE: JSON.stringify({ extraChromiumArgs: ['--host-resolver-rules=MAP * 127.0.0.1:9'], qrFirstTtlMs: 1000 }),
  WA_ACCOUNTS_BROWSER: '/tmp/someone-elses/chrome',
  WA_ACCOUNTS_DATA_DIR: 'relative/data',
};

describe('devHooks', () => {
  it('in development, honours the engine settings, the browser and the data folder (made absolute)', () => {
    expect(devHooks(env, false)).toEqual({
      engine: { extraChromiumArgs: ['--host-resolver-rules=MAP * 127.0.0.1:9'], qrFirstTtlMs: 1000 },
      browserPath: '/tmp/someone-elses/chrome',
      dataDir: path.resolve('relative/data'),
    });
  });

  it('in a packaged app, ignores every one of them', () => {
    expect(devHooks(env, true)).toEqual({ engine: undefined, browserPath: null, dataDir: null });
  });

  it('in a packaged app, a malformed engine variable does not stop the app either', () => {
    expect(() => devHooks({ WA_ACCOUNTS_DEV_ENGINE: '{not json' }, false)).toThrow(/WA_ACCOUNTS_DEV_ENGINE must be JSON/);
    expect(devHooks({ WA_ACCOUNTS_DEV_ENGINE: '{not json' }, true).engine).toBeUndefined();
  });

  it('with nothing set, leaves every default alone', () => {
    expect(devHooks({}, false)).toEqual({ engine: undefined, browserPath: null, dataDir: null });
  });
});
