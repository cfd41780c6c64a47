// Test harness for the local API: a real database in a temp folder, fake accounts and messaging
// (AccountsMessaging as main/accounts/MessagingPort.ts defines it), a logger that keeps every line,
// and a real HTTP receiver on loopback for webhooks.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionState } from '../../../preload/contract';
import type { AccountActivity, ChatSummary, MessageSummary, SendText } from '../../../preload/messages';
import type { AccountRecord } from '../../accounts/AccountsPort';
import type { AccountsMessaging, MessagingEvents } from '../../accounts/MessagingPort';
import { AccountsRepo } from '../../db/AccountsRepo';
import { ApiRepo } from '../../db/ApiRepo';
import { AppDatabase } from '../../db/AppDatabase';
import { AppError } from '../../errors';
import { createLogger } from '../../log';
import { ApiService } from '../ApiService';
import { freePort } from './freePort';

export class FakeAccounts extends EventEmitter<{ state: [string, SessionState] }> {
  readonly records = new Map<string, AccountRecord>();
  add(id: string, session: SessionState = { kind: 'ready', phoneNumber: '15550000001', pushName: 'Ann' }): void {
    // Only what the API reads; the record's other fields (backup, proxy, …) are not the API's business.
    this.records.set(id, { id, label: id, createdAt: 1, running: true, linked: true, session } as AccountRecord);
  }
  setState(id: string, session: SessionState): void {
    this.records.set(id, { ...this.records.get(id)!, session });
    this.emit('state', id, session);
  }
  list(): AccountRecord[] {
    return [...this.records.values()];
  }
  find(id: string): AccountRecord | undefined {
    return this.records.get(id);
  }
}

export class FakeMessaging extends EventEmitter<MessagingEvents> implements AccountsMessaging {
  readonly sent: { accountId: string; message: SendText }[] = [];
  readonly seen: string[] = [];
  constructor(private readonly accounts: FakeAccounts) {
    super();
  }
  private ready(accountId: string): void {
    const a = this.accounts.find(accountId);
    if (!a) throw new AppError('NOT_FOUND', 'That account was not found.');
    if (a.session.kind !== 'ready') throw new AppError('NOT_READY' as never, 'The account is not Ready.');
  }
  async sendText(accountId: string, message: SendText): Promise<MessageSummary> {
    this.ready(accountId);
    this.sent.push({ accountId, message });
    const chatId = message.to.includes('@') ? message.to : `${message.to.replace('+', '')}@c.us`;
    return { id: `true_${chatId}_3EB0${this.sent.length}`, chatId, fromMe: true, at: Date.now(), body: message.text, ack: 1 };
  }
  async chats(accountId: string): Promise<ChatSummary[]> {
    this.ready(accountId);
    return [{ id: '15550000002@c.us', name: 'Bob', unreadCount: this.seen.length ? 0 : 2, lastMessageAt: 5, lastMessage: null }];
  }
  async markSeen(accountId: string, chatId: string): Promise<void> {
    this.ready(accountId);
    this.seen.push(chatId);
  }
  activity(): AccountActivity {
    return { unread: 0, lastActivityAt: null };
  }
  incoming(accountId: string, body: string): MessageSummary {
    const message = { id: `false_15550000002@c.us_${Math.random().toString(16).slice(2)}`, chatId: '15550000002@c.us', fromMe: false, at: Date.now(), body, ack: 1 };
    this.emit('message', accountId, message);
    return message;
  }
}

export { freePort };

export interface Harness {
  dir: string;
  db: AppDatabase;
  accounts: FakeAccounts;
  messaging: FakeMessaging;
  api: ApiService;
  logLines: string[];
  port: number;
  base: string;
  /** A fresh ApiService over the same database (an app restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A stand-in for the app's key protector: reversible, and never the plain bytes. */
export const testProtector = {
  wrap: async (plain: Buffer) => Buffer.from(plain.map((b) => b ^ 0x5a)),
  unwrap: async (wrapped: Buffer) => Buffer.from(wrapped.map((b) => b ^ 0x5a)),
};

export async function startHarness(opts: { accounts?: string[]; enable?: boolean; dir?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'wa-api-'));
  const logLines: string[] = [];
  const log = createLogger((line) => logLines.push(line));
  let db = AppDatabase.open(dir);
  const accounts = new FakeAccounts();
  for (const id of opts.accounts ?? ['acc-a', 'acc-b']) {
    accounts.add(id);
    if (!new AccountsRepo(db.db).get(id)) new AccountsRepo(db.db).insert({ id, label: id, createdAt: 1 });
  }
  const messaging = new FakeMessaging(accounts);
  const build = () => new ApiService({ repo: new ApiRepo(db.db), accounts, messaging, backup: null, log, version: '0.0.0-test', delivery: { baseDelayMs: 100, maxDelayMs: 400, timeoutMs: 1_000 }, protector: testProtector });
  const port = await freePort();
  const h: Harness = {
    dir, db, accounts, messaging, logLines, port,
    api: build(),
    base: `http://127.0.0.1:${port}`,
    async restart() {
      await h.api.stop();
      db.close();
      db = AppDatabase.open(dir);
      h.db = db;
      h.api = build();
      await h.api.start();
    },
    async close() {
      await h.api.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await h.api.start();
  if (opts.enable !== false) await h.api.configure({ enabled: true, port });
  return h;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on loopback; `status` decides what it answers. */
export class Receiver {
  readonly got: Received[] = [];
  status = 200;
  private server: Server | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.status < 300) this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    s?.closeAllConnections();
    await new Promise((r) => (s ? s.close(r) : r(null)));
  }
}
