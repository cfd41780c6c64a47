import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SimError } from './errors';

const run = promisify(execFile);

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** base64(sha256(SPKI DER)), the value Chromium's --ignore-certificate-errors-spki-list expects. */
  spkiPin: string;
}

/** Hostname the certificate is issued for: the origin whatsapp-web.js navigates to. */
export const SIM_HOST = 'web.whatsapp.com';

/**
 * Node cannot create X.509 certificates, so Debian's `openssl` makes a throwaway self-signed one.
 * Chromium trusts it only through the SPKI pin passed on its command line, so nothing else on the
 * machine starts trusting a certificate for web.whatsapp.com.
 */
export async function createTestCertificate(host: string = SIM_HOST): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'wa-sim-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', `/CN=${host}`,
      '-addext', `subjectAltName=DNS:${host}`,
    ]).catch((error: unknown) => {
      throw new SimError('CERT_FAILED', `Could not create the simulator's test certificate with openssl (is it installed? apt-get install openssl): ${String(error)}`);
    });
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certPem, keyPem, spkiPin: spkiPinOf(certPem) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function spkiPinOf(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * One certificate per process is enough (every SimServer serves the same host), and it saves an
 * openssl run per test. A cache object instead of module state, so callers decide its lifetime.
 */
export class CertificateCache {
  private pending: Promise<TestCertificate> | undefined;

  get(): Promise<TestCertificate> {
    this.pending ??= createTestCertificate().catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }
}
