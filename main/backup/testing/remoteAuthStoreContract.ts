// The contract of whatsapp-web.js's RemoteAuth Store interface (sessionExists, save, extract, delete),
// checked the way RemoteAuth 1.34.7 calls it (node_modules/whatsapp-web.js/src/authStrategies/RemoteAuth.js):
//   - save({session}) after writing `<dataPath>/<session>.zip`, then RemoteAuth deletes that local zip;
//   - extract({session, path}) with path `<dataPath>/<session>.zip`, where dataPath may not exist yet;
//   - delete({session}) after sessionExists said true; sessionExists's answer decides whether the local
//     profile is wiped, so "no" on an error loses a session (docs/whatsapp-web.js.md, "Published stores").
// Stores written for RemoteAuth's guide read `<session>.zip` from the current directory, the app's from
// the dataPath they were given: each case runs with the work folder as both, so either kind can pass.
// No test framework here: `npm run store:check` (scripts/storeCheck.ts) and Vitest
// (remoteAuthStoreSuite.ts) both run these cases.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { crc32 } from 'node:zlib';

/** RemoteAuth's Store interface as the library's guide defines it (index.d.ts, `Store`). */
export interface RemoteAuthStoreLike {
  sessionExists(options: { session: string }): Promise<boolean> | boolean;
  save(options: { session: string }): Promise<void> | void;
  extract(options: { session: string; path: string }): Promise<void> | void;
  delete(options: { session: string }): Promise<void> | void;
}

export const STORE_METHODS = ['sessionExists', 'save', 'extract', 'delete'] as const;

export type CaseStatus = 'passed' | 'failed' | 'skipped';
export interface CaseResult {
  name: string;
  status: CaseStatus;
  /** Why it failed or was skipped. */
  detail?: string;
  ms: number;
}

/** A case's failure: what the store did against what RemoteAuth needs. */
export class ContractFailure extends Error {}
class Skip extends Error {}

export interface StoreCase {
  name: string;
  run(kit: CaseKit): Promise<void>;
}

export interface StoreCheckOptions {
  /** Absolute folder used as RemoteAuth's dataPath and as the current directory while a case runs. */
  workDir: string;
  /** Longest wait for one call to the store (default 30 s): a promise that never settles fails the case. */
  callTimeoutMs?: number;
  /**
   * Count an uncaught exception or unhandled rejection during a case as that case's failure (the CLI:
   * published stores raise them from broken streams). Leave off under a test runner, which reports them itself.
   */
  trapUncaught?: boolean;
}

const SMALL = 64 * 1024;
const LARGE = 8 * 1024 * 1024;

/** What each case may do: the four calls with a time limit, and the files RemoteAuth would write. */
export class CaseKit {
  private readonly runId = randomBytes(3).toString('hex');
  /** Sessions a case created, deleted again after the run. */
  readonly created = new Set<string>();

  constructor(
    private readonly store: RemoteAuthStoreLike,
    readonly workDir: string,
    private readonly timeoutMs: number,
  ) {}

  /** A session name no real account uses, so the check never touches a user's backups. */
  session(label: string): string {
    const name = `RemoteAuth-storecheck-${this.runId}-${label}`;
    this.created.add(name);
    return name;
  }

  adopt(session: string): void {
    this.created.add(session);
  }

  zipPath(session: string): string {
    return join(this.workDir, `${session}.zip`);
  }

  async exists(session: string): Promise<boolean> {
    const answer: unknown = await this.call(`sessionExists({session: "${session}"})`, () => this.store.sessionExists({ session }));
    if (typeof answer !== 'boolean') {
      fail(`sessionExists({session: "${session}"}) answered ${describe(answer)}, not true or false: RemoteAuth reads any falsy answer as "no backup" and then wipes the local profile. Answer true or false, and throw when the store cannot tell.`);
    }
    return answer;
  }

  /** Does what RemoteAuth's storeRemoteSession does: writes the zip, calls save, removes the local zip. */
  async save(session: string, size = SMALL): Promise<Buffer> {
    const zip = fakeSessionZip(randomBytes(size));
    await writeFile(this.zipPath(session), zip);
    try {
      await this.call(`save({session: "${session}"})`, () => this.store.save({ session }));
    } finally {
      await rm(this.zipPath(session), { force: true });
    }
    return zip;
  }

  /** Calls save with no zip in the dataPath, as after a failed compression. */
  async saveWithoutZip(session: string): Promise<void> {
    await rm(this.zipPath(session), { force: true });
    await this.call(`save({session: "${session}"})`, () => this.store.save({ session }));
  }

  /** Extracts to `path` (default: where RemoteAuth extracts) and returns the bytes written there. */
  async extract(session: string, path = this.zipPath(session)): Promise<Buffer> {
    await this.call(`extract({session: "${session}", path})`, () => this.store.extract({ session, path }));
    const written = await stat(path).catch(() => null);
    if (!written?.isFile()) fail(`extract({session: "${session}", path: "${path}"}) resolved, but wrote no file at path.`);
    const bytes = await readFile(path);
    await rm(path, { force: true });
    return bytes;
  }

  async delete(session: string): Promise<void> {
    await this.call(`delete({session: "${session}"})`, () => this.store.delete({ session }));
  }

  async call<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ContractFailure(`${what} did not settle within ${this.timeoutMs < 10_000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`}.`)), this.timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(fn), late]);
    } catch (err) {
      if (err instanceof ContractFailure) throw err;
      throw new ContractFailure(`${what} failed: ${messageOf(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function fail(message: string): never {
  throw new ContractFailure(message);
}

export function skip(reason: string): never {
  throw new Skip(reason);
}

function same(actual: Buffer, expected: Buffer, what: string): void {
  if (actual.equals(expected)) return;
  fail(`${what}: got ${actual.length} bytes, expected the ${expected.length} bytes that were saved${actual.length === expected.length ? ' (same length, different bytes)' : ''}.`);
}

export const REMOTE_AUTH_STORE_CASES: StoreCase[] = [
  {
    name: 'sessionExists is false for a session that was never saved',
    async run(kit) {
      if (await kit.exists(kit.session('never'))) fail('sessionExists answered true for a session never saved: RemoteAuth would extract a backup that does not exist and fail to start.');
    },
  },
  {
    name: 'save stores <session>.zip from RemoteAuth\'s dataPath; sessionExists is then true',
    async run(kit) {
      const s = kit.session('saved');
      await kit.save(s);
      if (!(await kit.exists(s))) fail('sessionExists answered false right after save resolved: RemoteAuth would start without the session, and the phone must link again.');
    },
  },
  {
    name: 'extract writes the saved zip byte for byte (8 MiB), after RemoteAuth removed its local copy',
    async run(kit) {
      const s = kit.session('roundtrip');
      const zip = await kit.save(s, LARGE);
      same(await kit.extract(s), zip, 'extract wrote a different zip');
    },
  },
  {
    name: 'extract creates missing parent folders (a new computer has no dataPath yet)',
    async run(kit) {
      const s = kit.session('fresh');
      const zip = await kit.save(s);
      const target = join(kit.workDir, 'new-computer', '.wwebjs_auth', `${s}.zip`);
      same(await kit.extract(s, target), zip, 'extract into a missing folder');
    },
  },
  {
    name: 'a second save replaces the first: extract returns the newest zip',
    async run(kit) {
      const s = kit.session('twice');
      await kit.save(s);
      const newer = await kit.save(s);
      same(await kit.extract(s), newer, 'extract after two saves did not return the second zip');
    },
  },
  {
    name: 'delete removes the session (sessionExists false), and the session can be saved again',
    async run(kit) {
      const s = kit.session('deleted');
      await kit.save(s);
      await kit.delete(s);
      if (await kit.exists(s)) fail('sessionExists answered true after delete resolved: a logged-out account would come back from the backup.');
      const again = await kit.save(s);
      if (!(await kit.exists(s))) fail('sessionExists answered false after saving a deleted session again.');
      same(await kit.extract(s), again, 'extract after delete and a new save');
    },
  },
  {
    name: 'sessions are kept apart, even when one name begins with the other (x and x-2)',
    async run(kit) {
      const a = kit.session('desk');
      const b = kit.session('desk-2');
      const za = await kit.save(a);
      const zb = await kit.save(b);
      same(await kit.extract(a), za, `extract of ${a}`);
      same(await kit.extract(b), zb, `extract of ${b}`);
      await kit.delete(a);
      if (!(await kit.exists(b))) fail(`deleting ${a} also deleted ${b}.`);
      same(await kit.extract(b), zb, `extract of ${b} after deleting ${a}`);
    },
  },
  {
    name: 'a clientId with capitals and underscores round-trips (RemoteAuth-…Sales_Desk)',
    async run(kit) {
      const s = kit.session('Sales_Desk');
      const zip = await kit.save(s);
      if (!(await kit.exists(s))) fail(`sessionExists answered false for ${s} right after save.`);
      same(await kit.extract(s), zip, `extract of ${s}`);
    },
  },
  {
    name: 'RemoteAuth\'s default session name (no clientId), "RemoteAuth", round-trips',
    async run(kit) {
      const s = 'RemoteAuth';
      if (await kit.exists(s)) skip('the store already holds a session named "RemoteAuth" (perhaps a real one), so the check leaves it alone');
      kit.adopt(s);
      const zip = await kit.save(s);
      same(await kit.extract(s), zip, 'extract of "RemoteAuth"');
      await kit.delete(s);
      if (await kit.exists(s)) fail('sessionExists answered true for "RemoteAuth" after delete.');
    },
  },
  {
    name: 'save rejects when there is no zip to read, and stores nothing',
    async run(kit) {
      const s = kit.session('nozip');
      const outcome = await kit.saveWithoutZip(s).then(() => 'resolved', (err: unknown) => err);
      if (outcome === 'resolved') fail(`save({session: "${s}"}) resolved although ${s}.zip did not exist: RemoteAuth would report remote_session_saved for a backup that was never made.`);
      if (outcome instanceof ContractFailure && /did not settle/.test(outcome.message)) throw outcome;
      if (await kit.exists(s)) fail('sessionExists answered true after a save that had nothing to read.');
    },
  },
];

/** Runs the cases one by one; reusable by a test runner that reports each case as its own test. */
export class RemoteAuthStoreCheck {
  private readonly kit: CaseKit;

  constructor(
    store: RemoteAuthStoreLike,
    private readonly options: StoreCheckOptions,
  ) {
    if (!isAbsolute(options.workDir)) throw new RangeError('workDir must be an absolute path');
    this.kit = new CaseKit(store, options.workDir, options.callTimeoutMs ?? 30_000);
  }

  async run(c: StoreCase): Promise<CaseResult> {
    const started = Date.now();
    const previousCwd = process.cwd();
    const trap = this.options.trapUncaught ? trapUncaught() : undefined;
    try {
      await mkdir(this.options.workDir, { recursive: true });
      process.chdir(this.options.workDir);
      await Promise.race([c.run(this.kit), ...(trap ? [trap.failure] : [])]);
      return { name: c.name, status: 'passed', ms: Date.now() - started };
    } catch (err) {
      const status: CaseStatus = err instanceof Skip ? 'skipped' : 'failed';
      const detail = err instanceof ContractFailure || err instanceof Skip ? err.message : `the check itself failed: ${messageOf(err)}`;
      return { name: c.name, status, detail, ms: Date.now() - started };
    } finally {
      trap?.remove();
      process.chdir(previousCwd);
    }
  }

  /** Deletes what the cases saved; returns the sessions that could not be deleted. */
  async cleanup(): Promise<string[]> {
    const left: string[] = [];
    for (const s of this.kit.created) {
      try {
        if (await this.kit.exists(s)) await this.kit.delete(s);
      } catch {
        left.push(s);
      }
    }
    return left;
  }
}

export interface ContractReport {
  results: CaseResult[];
  /** Sessions the check saved and could not delete again. */
  leftBehind: string[];
}

export async function runRemoteAuthStoreContract(store: RemoteAuthStoreLike, options: StoreCheckOptions & { onResult?: (r: CaseResult) => void }): Promise<ContractReport> {
  const check = new RemoteAuthStoreCheck(store, options);
  const results: CaseResult[] = [];
  for (const c of REMOTE_AUTH_STORE_CASES) {
    const r = await check.run(c);
    results.push(r);
    options.onResult?.(r);
  }
  return { results, leftBehind: await check.cleanup() };
}

export function summaryLine(results: CaseResult[]): string {
  const n = (s: CaseStatus) => results.filter((r) => r.status === s).length;
  return `${n('passed')} passed, ${n('failed')} failed${n('skipped') ? `, ${n('skipped')} skipped` : ''}`;
}

/**
 * The store a user's module exports: an object with the four methods, a class whose instances have
 * them, or a function (sync or async) returning one. Classes and functions get `{ dataPath }`, the
 * folder where RemoteAuth writes its zips, since 1.34.7 never tells the store (docs/whatsapp-web.js.md).
 */
export async function storeFromModule(mod: unknown, context: { dataPath: string }, label = 'the module'): Promise<RemoteAuthStoreLike> {
  const ns = (mod ?? {}) as Record<string, unknown>;
  if (isStore(ns)) return ns; // the four methods as named exports
  let value: unknown = [ns['default'], ns['store'], ns['createStore']].find((v) => v !== undefined);
  // A CommonJS module compiled from ESM (`exports.default = …`) arrives as { default: { default: … } }.
  const inner = (value as Record<string, unknown> | null | undefined)?.['default'];
  if (typeof value === 'object' && value !== null && !isStore(value) && inner !== undefined) value = inner;
  if (typeof value === 'function') {
    const fn = value as (ctx: typeof context) => unknown;
    const proto = (fn as { prototype?: Record<string, unknown> }).prototype;
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(fn)) || STORE_METHODS.some((m) => typeof proto?.[m] === 'function');
    value = isClass ? new (fn as unknown as new (ctx: typeof context) => unknown)(context) : await fn(context);
  }
  if (isStore(value)) return value;
  const missing = STORE_METHODS.filter((m) => typeof (value as Record<string, unknown> | null)?.[m] !== 'function');
  throw new TypeError(
    `${label} does not export a RemoteAuth store: expected an object with ${STORE_METHODS.join(', ')} (as a default export, module.exports, or an export named "store"), a class whose instances have them, or a function returning one. ` +
      `What it exports ${value === null || typeof value !== 'object' ? `is ${describe(value)}` : `lacks ${missing.join(', ')}`}.`,
  );
}

function isStore(v: unknown): v is RemoteAuthStoreLike {
  return typeof v === 'object' && v !== null && STORE_METHODS.every((m) => typeof (v as Record<string, unknown>)[m] === 'function');
}

function describe(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 40)}`;
}

function messageOf(err: unknown): string {
  const e = err as { name?: string; code?: unknown; message?: unknown } | null;
  const text = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? ` [${String(e.code)}]` : '';
  return `${text.slice(0, 300)}${code}`;
}

/** Uncaught errors from the store during a case, as a promise that rejects with the first one. */
function trapUncaught(): { failure: Promise<never>; remove(): void } {
  let onError: (err: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    onError = (err) => reject(new ContractFailure(`the store raised an uncaught error (it would crash a whatsapp-web.js app): ${messageOf(err)}`));
  });
  failure.catch(() => undefined);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    failure,
    remove() {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

/**
 * A valid zip (one stored entry, as RemoteAuth's archives hold the profile's `Default/…` folders) around
 * `content`, so a store that looks inside sees a real archive and a byte-for-byte check stays exact.
 */
export function fakeSessionZip(content: Buffer): Buffer {
  const name = Buffer.from('Default/Local Storage/leveldb/000003.log');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x21, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, content, central, name, end]);
}
