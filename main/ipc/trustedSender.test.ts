import { describe, expect, it } from 'vitest';
import { isAppPageUrl, isTrustedSender, unauthorizedResult, type FrameLike } from './trustedSender';

const ORIGIN = 'app://bundle';
const main: FrameLike = { url: 'app://bundle/index.html#/accounts', processId: 4, routingId: 1 };

describe('isTrustedSender', () => {
  it('trusts the main frame of the app window on the app page', () => {
    expect(isTrustedSender({ senderFrame: main, mainFrame: main, appOrigin: ORIGIN })).toBe(true);
  });

  it('trusts a different wrapper object for the same frame (same process and routing id)', () => {
    expect(isTrustedSender({ senderFrame: { ...main }, mainFrame: main, appOrigin: ORIGIN })).toBe(true);
  });

  it('refuses a subframe of the app window, even one showing an app page', () => {
    const iframe: FrameLike = { url: 'app://bundle/index.html', processId: 4, routingId: 7 };
    expect(isTrustedSender({ senderFrame: iframe, mainFrame: main, appOrigin: ORIGIN })).toBe(false);
  });

  it('refuses a frame of another renderer process', () => {
    const other: FrameLike = { url: 'app://bundle/index.html', processId: 9, routingId: 1 };
    expect(isTrustedSender({ senderFrame: other, mainFrame: main, appOrigin: ORIGIN })).toBe(false);
  });

  it('refuses the main frame once it shows a foreign page', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank', 'app://user:pw@bundle/']) {
      const frame: FrameLike = { ...main, url };
      expect(isTrustedSender({ senderFrame: frame, mainFrame: frame, appOrigin: ORIGIN }), url).toBe(false);
    }
  });

  it('refuses a destroyed frame or a missing window', () => {
    expect(isTrustedSender({ senderFrame: null, mainFrame: main, appOrigin: ORIGIN })).toBe(false);
    expect(isTrustedSender({ senderFrame: main, mainFrame: null, appOrigin: ORIGIN })).toBe(false);
  });
});

describe('isAppPageUrl', () => {
  it('accepts any page of the app origin and nothing that merely starts like it', () => {
    expect(isAppPageUrl('app://bundle/', ORIGIN)).toBe(true);
    expect(isAppPageUrl('app://bundle/index.html?x=1', ORIGIN)).toBe(true);
    expect(isAppPageUrl('app://bundle.evil.example/index.html', ORIGIN)).toBe(false);
    expect(isAppPageUrl('app://bundle:8080/index.html', ORIGIN)).toBe(false);
    expect(isAppPageUrl('not a url', ORIGIN)).toBe(false);
  });
});

describe('unauthorizedResult', () => {
  it('is an UNAUTHORIZED error result with a readable message', () => {
    const r = unauthorizedResult();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNAUTHORIZED');
      expect(r.error.message).toMatch(/window/);
    }
  });
});
