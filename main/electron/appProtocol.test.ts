import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppFile, serveAppRequest } from './appProtocol';
import { CONTENT_SECURITY_POLICY } from './security';

const base = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer folder');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves the entry page with the CSP and the right content type', async () => {
    const res = await serveAppRequest('app://bundle/index.html', root);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('serves the root as the entry page and assets as JavaScript', async () => {
    expect(await (await serveAppRequest('app://bundle/', root)).text()).toContain('<title>app</title>');
    const js = await serveAppRequest('app://bundle/assets/main.js', root);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/..%2fsecret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt']) {
      const res = await serveAppRequest(url, root);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('outside');
    }
  });

  it('answers only its own scheme and host, and 404 for missing files', async () => {
    expect(resolveAppFile('app://other/index.html', root)).toBeNull();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeNull();
    expect(resolveAppFile('app://bundle/a%00b', root)).toBeNull();
    expect((await serveAppRequest('app://bundle/missing.js', root)).status).toBe(404);
    expect((await serveAppRequest('app://bundle/index.html', root, 'POST')).status).toBe(405);
  });
});
