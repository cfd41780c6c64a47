import { describe, expect, it, vi } from 'vitest';
import { UpdateCheck } from '../../preload/contract';
import { browserModeUpdateCheck, checkForUpdates, updateServer, type UpdateContext, type Updater } from './updateCheck';

// app-update.yml as electron-builder 26 writes it for `publish: { provider: generic, url: … }`.
const CONFIG = 'provider: generic\nurl: https://updates.example.com/wa-accounts\nupdaterCacheDirName: wa-accounts-updater\n';

/** A stand-in for electron-updater's autoUpdater: checkForUpdates answers as the real one does. */
function updater(answer: () => Promise<Awaited<ReturnType<Updater['checkForUpdates']>>>): Updater & { calls: number } {
  const u = { calls: 0, checkForUpdates: () => (u.calls++, answer()) };
  return u;
}
function ctx(u: Updater, over: Partial<UpdateContext> = {}): UpdateContext {
  return { packaged: true, updateConfig: CONFIG, currentVersion: '0.1.0', updater: async () => u, ...over };
}
const httpError = (statusCode: number) => Object.assign(new Error(`HttpError: ${statusCode} \n"method: GET url: https://updates.example.com/wa-accounts/latest-linux.yml"`), { statusCode });

describe('checkForUpdates', () => {
  it('says a newer version is available, and which', async () => {
    const u = updater(async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } }));
    const answer = await checkForUpdates(ctx(u));
    expect(answer).toEqual({ state: 'available', version: '0.2.0', message: expect.stringMatching(/^Version 0\.2\.0 is available\. .*quit/) });
    expect(UpdateCheck.parse(answer)).toEqual(answer);
  });

  it('says the app is up to date when the server offers this version', async () => {
    const u = updater(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }));
    expect(await checkForUpdates(ctx(u))).toEqual({ state: 'up-to-date', version: '0.1.0', message: 'WA Accounts 0.1.0 is the newest version.' });
  });

  it('is not configured in a development build, and never loads the updater there', async () => {
    const load = vi.fn();
    const answer = await checkForUpdates({ packaged: false, updateConfig: null, currentVersion: '0.1.0', updater: load });
    expect(answer).toEqual({ state: 'not-configured', message: 'This is a development build: it does not check for updates.' });
    expect(load).not.toHaveBeenCalled();
  });

  it('is not configured when the build has no update server (no app-update.yml, or an empty URL)', async () => {
    const u = updater(async () => null);
    for (const updateConfig of [null, 'provider: generic\nurl: ""\n', "provider: generic\nurl: ''\n"]) {
      const answer = await checkForUpdates(ctx(u, { updateConfig }));
      expect(answer.state).toBe('not-configured');
      expect(answer.message).toMatch(/WA_ACCOUNTS_UPDATE_URL/);
    }
    expect(u.calls).toBe(0);
  });

  it('is not configured when the updater reports itself inactive (null)', async () => {
    expect((await checkForUpdates(ctx(updater(async () => null)))).state).toBe('not-configured');
  });

  it('fails with a reason a person can read: unreachable, no release information, another HTTP status', async () => {
    const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND updates.example.com'), { code: 'ENOTFOUND' });
    expect(await checkForUpdates(ctx(updater(() => Promise.reject(unreachable))))).toEqual({ state: 'failed', message: 'Could not check for updates: the update server could not be reached. Try again later.' });
    expect((await checkForUpdates(ctx(updater(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')))))).message).toMatch(/could not be reached/);
    expect((await checkForUpdates(ctx(updater(() => Promise.reject(httpError(404))))))).toMatchObject({ state: 'failed', message: expect.stringMatching(/latest\.yml is missing/) });
    expect((await checkForUpdates(ctx(updater(() => Promise.reject(httpError(503))))))).toMatchObject({ state: 'failed', message: expect.stringMatching(/answered HTTP 503/) });
  });

  it('fails, and says so, when the server does not answer in time', async () => {
    const answer = await checkForUpdates(ctx(updater(() => new Promise(() => {})), { timeoutMs: 20 }));
    expect(answer).toEqual({ state: 'failed', message: 'Could not check for updates: the update server did not answer within 20 ms. Try again later.' });
  });

  it('never repeats credentials written into the server address', async () => {
    const err = new Error('Cannot parse response from https://ann:s3cret@updates.example.com/latest.yml');
    const answer = await checkForUpdates(ctx(updater(() => Promise.reject(err))));
    expect(answer.message).not.toMatch(/s3cret|ann:/);
  });
});

describe('updateServer', () => {
  it('reads the generic server’s address from app-update.yml, and nothing else counts', () => {
    expect(updateServer(CONFIG)).toBe('https://updates.example.com/wa-accounts');
    expect(updateServer("provider: generic\nurl: 'http://10.0.0.5/u'\n")).toBe('http://10.0.0.5/u');
    expect(updateServer('provider: github\nowner: x\nrepo: y\n')).toBeNull();
    expect(updateServer('provider: generic\nurl: file:///etc\n')).toBeNull();
  });
});

it('browser mode answers not-configured with a plain sentence', () => {
  expect(browserModeUpdateCheck()).toEqual({ state: 'not-configured', message: expect.stringMatching(/^In browser mode the app does not update itself/) });
});
