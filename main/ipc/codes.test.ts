// The code families of preload/contract.ts are the whole truth about codes: every code main or a bridge
// produces is listed there, and every listed code is produced somewhere (no code the UI words in vain).
// tsc already refuses an unlisted code where a producer is typed; this also catches the untyped ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BackupErrorCode,
  ApiHttpErrorCode,
  CommandErrorCode,
  SessionFailureCode,
  SessionState,
  TimelineEntry,
  TimelineState,
  TransportCode,
} from '../../preload/contract';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|\.d\.ts$/.test(f) && !f.split(/[\\/]/).includes('testing'))
    .map((f) => ({ path: relative(ROOT, join(ROOT, dir, f)), text: readFileSync(join(ROOT, dir, f), 'utf8') }));
}

const MAIN = sources('main');
const BRIDGES = [...sources('preload'), ...sources('renderer')].filter((f) => f.path !== join('preload', 'contract.ts'));

/** `'CODE'` literals in the given pattern's first group, with the file they are in. */
function literals(files: { path: string; text: string }[], pattern: RegExp): { code: string; path: string }[] {
  return files.flatMap(({ path, text }) => [...text.matchAll(pattern)].map((m) => ({ code: m[1]!, path })));
}

const unlisted = (found: { code: string; path: string }[], listed: readonly string[]) => found.filter((f) => !listed.includes(f.code));

describe('code families in the contract', () => {
  it('lists each family once, and every backup code is a command code', () => {
    for (const family of [SessionFailureCode, TimelineState, CommandErrorCode, TransportCode, BackupErrorCode]) {
      expect(family.options.length).toBeGreaterThan(2);
      expect(new Set(family.options).size).toBe(family.options.length);
    }
    expect(BackupErrorCode.options.filter((c) => !CommandErrorCode.options.includes(c))).toEqual([]);
  });

  it('gives "main is unreachable" its own name, apart from WhatsApp dropping the connection', () => {
    expect(TransportCode.options).toContain('HOST_UNREACHABLE');
    expect(SessionFailureCode.options).toContain('DISCONNECTED');
    expect([...CommandErrorCode.options, ...SessionFailureCode.options]).not.toContain('HOST_UNREACHABLE');
    expect([...CommandErrorCode.options, ...TransportCode.options]).not.toContain('DISCONNECTED');
  });

  it('refuses a code outside its family where the contract carries one', () => {
    expect(ApiError.safeParse({ code: 'HOST_UNREACHABLE', message: 'x' }).success).toBe(true);
    expect(ApiError.safeParse({ code: 'STORE_FULL', message: 'x' }).success).toBe(true);
    expect(ApiError.safeParse({ code: 'DISCONNECTED', message: 'x' }).success).toBe(false);
    expect(SessionState.safeParse({ kind: 'failed', code: 'CONFLICT', message: 'x' }).success).toBe(true);
    expect(SessionState.safeParse({ kind: 'failed', code: 'STORE_FULL', message: 'x' }).success).toBe(false);
    expect(TimelineEntry.safeParse({ at: 1, state: 'restored', reason: 'x' }).success).toBe(true);
    expect(TimelineEntry.safeParse({ at: 1, state: 'sleeping', reason: 'x' }).success).toBe(false);
  });

  it('records every session kind to the timeline under a listed state', () => {
    const kinds = SessionState.options.map((o) => o.shape.kind.value);
    expect(kinds.filter((k) => !TimelineState.options.includes(k))).toEqual([]);
  });
});

describe('codes main and the bridges produce', () => {
  it('every AppError and BackupError in main is thrown with a listed code', () => {
    const app = literals(MAIN, /new AppError\(\s*'([A-Z][A-Z_]+)'/g);
    const backup = literals(MAIN, /new BackupError\(\s*'([A-Z][A-Z_]+)'/g);
    expect(app.length).toBeGreaterThan(5);
    expect(backup.length).toBeGreaterThan(20);
    expect(unlisted(app, CommandErrorCode.options)).toEqual([]);
    expect(unlisted(backup, BackupErrorCode.options)).toEqual([]);
  });

  it('every code main or a bridge writes as `code: ...` belongs to a family', () => {
    const all = [...ApiHttpErrorCode.options, ...TransportCode.options, ...SessionFailureCode.options];
    const found = literals([...MAIN, ...BRIDGES], /\bcode: '([A-Z][A-Z_]+)'/g);
    expect(found.length).toBeGreaterThan(5);
    expect(unlisted(found, all)).toEqual([]);
  });

  it('every listed code is produced somewhere (a family lists no code nobody sends)', () => {
    const quoted = (files: { text: string }[]) => new Set(files.flatMap((f) => [...f.text.matchAll(/'([A-Z][A-Z_]+)'/g)].map((m) => m[1]!)));
    const inMain = quoted(MAIN);
    const inBridges = quoted(BRIDGES.filter((f) => f.path.startsWith('preload')));
    expect(CommandErrorCode.options.filter((c) => !inMain.has(c))).toEqual([]);
    expect(SessionFailureCode.options.filter((c) => !inMain.has(c))).toEqual([]);
    expect(TransportCode.options.filter((c) => !inBridges.has(c))).toEqual([]);
    expect(ApiHttpErrorCode.options.filter((c) => !inMain.has(c))).toEqual([]);
  });
});
