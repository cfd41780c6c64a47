import { EventEmitter } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CertificateCache, SIM_HOST, type TestCertificate } from './certificate';
import { SimError } from './errors';
import { PageHtml } from './pageHtml';
import type { Phone } from './Phone';
import { PhonePage } from './phonePage';
import { SimBackend } from './SimBackend';
import { SimStateFile } from './SimState';
import type {
  DeviceInfo, PageError, PendingCode, PendingQr, PhoneInit, SimChat, SimContact, SimEventName, SimEvents, SimMessage, SimOptions,
  SimTimings, UnlinkStyle, WaState,
} from './types';

/** Realistic defaults (docs/whatsapp-web.js.md, "QR codes: lifetimes, retries and the pause"); tests shorten them. */
export const DEFAULT_TIMINGS: SimTimings = {
  bootDelayMs: 1500,
  firstRefMs: 60_000,
  laterRefMs: 20_000,
  refCount: 6,
  syncStepMs: 700,
  bridgeLogoutNavigateMs: 100,
  deliveryMs: 300,
};
/** whatsapp-web.js 1.34.7's DefaultOptions.webVersion: keeps any web-cache file name predictable. */
const WEB_VERSION = '2.3000.1017054665';
const DEFAULT_PHONE: PhoneInit = { number: '15550000001', pushname: 'Sim Phone' };

// One openssl run per process is plenty: every simulator serves the same host name.
const sharedCertificates = new CertificateCache();

export interface SimServer {
  on<K extends SimEventName>(event: K, listener: (payload: SimEvents[K]) => void): this;
  once<K extends SimEventName>(event: K, listener: (payload: SimEvents[K]) => void): this;
  off<K extends SimEventName>(event: K, listener: (payload: SimEvents[K]) => void): this;
  emit<K extends SimEventName>(event: K, payload: SimEvents[K]): boolean;
}

/**
 * Simulated WhatsApp Web (HTTPS + WSS on 127.0.0.1, reached by Chromium through chromiumArgs()),
 * with a simulated server and phones driven from tests. See README.md beside this file.
 */
export class SimServer extends EventEmitter {
  readonly timings: SimTimings;
  private readonly backend: SimBackend;
  private readonly html: PageHtml;
  private https: HttpsServer | undefined;
  private phoneHttp: HttpServer | undefined;
  private wss: WebSocketServer | undefined;
  private certificate: TestCertificate | undefined;
  private readonly stateFile: SimStateFile | undefined;

  constructor(
    private readonly options: SimOptions = {},
    private readonly certificates: CertificateCache = sharedCertificates,
  ) {
    super();
    this.timings = { ...DEFAULT_TIMINGS, ...definedOnly(options) };
    this.backend = new SimBackend(this.timings, options.maxLinkedDevices ?? 4, options.defaultPhone ?? DEFAULT_PHONE,
      (event, payload) => { this.emit(event, payload); }, () => this.stateFile?.schedule());
    if (options.stateFile) {
      this.stateFile = new SimStateFile(options.stateFile, () => this.backend.snapshot(), options.log ?? ((line) => console.log(line)));
      const saved = this.stateFile.load();
      if (saved) this.backend.restore(saved);
    }
    this.html = new PageHtml({
      bootDelayMs: this.timings.bootDelayMs,
      syncStepMs: this.timings.syncStepMs,
      bridgeLogoutNavigateMs: this.timings.bridgeLogoutNavigateMs,
      omitModules: [...(options.omitModules ?? [])],
      replayHasSynced: options.replayHasSynced ?? true,
      historyMB: options.historyMB ?? 0,
      webVersion: WEB_VERSION,
    });
  }

  async start(): Promise<void> {
    this.certificate = await this.certificates.get();
    const https = createHttpsServer({ cert: this.certificate.certPem, key: this.certificate.keyPem }, (req, res) => {
      if (req.url === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      // Every path is the app: the library navigates to /?post_logout=1 after a logout.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(this.html.render());
    });
    const wss = new WebSocketServer({ noServer: true });
    https.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/ws/chat')) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.backend.attach(ws));
    });
    this.https = https;
    this.wss = wss;
    await listen(https, this.options.port ?? 0);
    this.phoneHttp = createHttpServer(new PhonePage(this.backend).handle);
    await listen(this.phoneHttp, this.options.phonePort ?? 0);
  }

  async stop(): Promise<void> {
    this.backend.close();
    this.stateFile?.flush();
    this.wss?.close();
    await Promise.all([this.https, this.phoneHttp].map((server) => (server ? close(server) : undefined)));
    this.https = undefined;
    this.phoneHttp = undefined;
    this.removeAllListeners();
  }

  get port(): number {
    return portOf(this.https);
  }

  /** Address of the standalone phone page (plain HTTP on 127.0.0.1). */
  get phoneUrl(): string {
    return `http://127.0.0.1:${portOf(this.phoneHttp)}/`;
  }

  /**
   * Chromium flags: web.whatsapp.com goes to this server, every other host fails fast, our cert is pinned.
   * Loopback stays itself (EXCLUDE): an account's proxy on 127.0.0.1 must be reachable, and Chromium
   * puts even an IP-literal proxy through these rules. Nothing outside the machine becomes reachable.
   */
  chromiumArgs(): string[] {
    if (!this.certificate) throw new SimError('NOT_STARTED', 'Call start() before chromiumArgs().');
    return [
      `--host-resolver-rules=MAP ${SIM_HOST} 127.0.0.1:${this.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${this.certificate.spkiPin}`,
    ];
  }

  get defaultPhone(): Phone {
    return this.backend.defaultPhone;
  }

  addPhone(init: PhoneInit): Phone {
    return this.backend.addPhone(init);
  }

  phones(): Phone[] {
    return this.backend.listPhones();
  }

  pendingQrs(): PendingQr[] {
    return this.backend.pendingQrs();
  }

  pendingCodes(): PendingCode[] {
    return this.backend.pendingCodes();
  }

  /** The phone scans a QR string. Throws SimError (QR_EXPIRED, DEVICE_LIMIT, …) when WhatsApp would refuse. */
  scan(qr: string, phone?: Phone | string): DeviceInfo {
    return this.backend.scan(qr, phone);
  }

  /** The phone's user types the pairing code the client emitted. */
  enterCode(code: string, phone?: Phone | string): DeviceInfo {
    return this.backend.enterCode(code, phone);
  }

  /** Unlink from the phone: online devices are told in the given style; offline ones are revoked. */
  unlink(deviceId: string, opts: { style?: UnlinkStyle } = {}): void {
    this.backend.unlink(deviceId, opts.style ?? 'bridge');
  }

  pushState(deviceId: string, state: WaState): void {
    this.backend.pushState(deviceId, state);
  }

  devices(phone?: Phone | string): DeviceInfo[] {
    return this.backend.devices(phone);
  }

  /** Adds (or renames) a contact in the phone's address book: its name becomes the chat's title on new logins. */
  addContact(contact: SimContact, phone?: Phone | string): SimContact {
    return this.backend.addContact(contact, phone);
  }

  /**
   * A contact sends a text to the account: every online linked device gets it at once (whatsapp-web.js
   * emits `message`), the others find it, unread, in their chats at their next login. Throws SimError
   * CONTACT_INVALID or MESSAGE_INVALID.
   */
  sendToAccount(input: { from: string; body: string; pushname?: string }, phone?: Phone | string): SimMessage {
    return this.backend.sendToAccount(input, phone);
  }

  /** What the account sent from its linked devices, oldest first, with each message's current ack. */
  sentByAccount(phone?: Phone | string, contact?: string): SimMessage[] {
    return this.backend.sentByAccount(phone, contact);
  }

  /** The contact reads the chat: each of the account's messages to it gets ack 3. Returns their ids. */
  contactReads(contact: string, phone?: Phone | string): string[] {
    return this.backend.contactReads(contact, phone);
  }

  /** The phone's chats as the server keeps them (unread counts included), newest first. */
  chats(phone?: Phone | string): SimChat[] {
    return this.backend.chats(phone);
  }

  /** Errors thrown inside the simulated pages (every client), oldest first: a silent failure shows here. */
  pageErrors(): PageError[] {
    return this.backend.pageErrors();
  }

  clearPageErrors(): void {
    this.backend.clearPageErrors();
  }

  /** Resolves with the next `event` whose payload satisfies `predicate` (only events after the call). */
  waitFor<K extends SimEventName>(event: K, predicate: (payload: SimEvents[K]) => boolean = () => true, timeoutMs = 30_000): Promise<SimEvents[K]> {
    return new Promise((resolve, reject) => {
      const listener = (payload: SimEvents[K]): void => {
        if (!predicate(payload)) return;
        clearTimeout(timer);
        this.off(event, listener);
        resolve(payload);
      };
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new SimError('TIMEOUT', `The simulator saw no matching '${event}' event within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.on(event, listener);
    });
  }
}

function definedOnly(options: SimOptions): Partial<SimTimings> {
  const keys: (keyof SimTimings)[] = ['bootDelayMs', 'firstRefMs', 'laterRefMs', 'refCount', 'syncStepMs', 'bridgeLogoutNavigateMs', 'deliveryMs'];
  const out: Partial<SimTimings> = {};
  for (const key of keys) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function listen(server: HttpServer | HttpsServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: HttpServer | HttpsServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function portOf(server: HttpServer | HttpsServer | undefined): number {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new SimError('NOT_STARTED', 'The simulator is not running; call start() first.');
  return address.port;
}
