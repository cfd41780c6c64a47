import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../index';
import { silentLogger } from '../log';
import { AppError } from '../errors';
import { CommandRegistry, type Handlers } from './CommandRegistry';

let dir: string;
let app: App;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-registry-'));
  app = await createApp({ dataDir: dir, host: 'web', log: silentLogger, findBrowser: () => null, guardProcess: false });
});
afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const errorOf = (r: { ok: boolean; error?: { code: string; message: string; field?: string } }) => (r.ok ? undefined : r.error);

describe('CommandRegistry', () => {
  it('refuses a command that does not exist, whatever its name looks like', async () => {
    for (const name of ['accounts.hack', '__proto__', 'constructor', 42, null, undefined, { toString: () => 'accounts.list' }]) {
      expect(errorOf(await app.registry.dispatch(name, {}))?.code).toBe('UNKNOWN_COMMAND');
    }
  });

  it('answers INVALID_INPUT with the field for every malformed payload, and changes nothing', async () => {
    const bad: [string, unknown, string | undefined][] = [
      ['accounts.add', undefined, undefined],
      ['accounts.add', 'Work', undefined],
      ['accounts.add', {}, 'label'],
      ['accounts.add', { label: 42 }, 'label'],
      ['accounts.add', { label: '   ' }, 'label'],
      ['accounts.add', { label: 'x'.repeat(65) }, 'label'],
      ['accounts.add', { label: 'ok', extra: true }, undefined],
      ['accounts.rename', { id: 'BAD ID', label: 'x' }, 'id'],
      ['accounts.rename', { id: 'a'.repeat(41), label: 'x' }, 'id'],
      ['accounts.remove', { id: '../etc' }, 'id'],
      ['accounts.list', { unexpected: 1 }, undefined],
      ['app.info', [1, 2], undefined],
    ];
    for (const [command, input, field] of bad) {
      const err = errorOf(await app.registry.dispatch(command, input));
      expect(err?.code, `${command} ${JSON.stringify(input)}`).toBe('INVALID_INPUT');
      if (field) expect(err?.field).toBe(field);
      expect(err?.message.length).toBeGreaterThan(5);
    }
    const list = await app.registry.dispatch('accounts.list', undefined);
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('trims labels and accepts exactly 64 characters, emoji counted as one', async () => {
    const added = await app.registry.dispatch('accounts.add', { label: '  Work  ' });
    expect(added.ok && (added.value as { label: string }).label).toBe('Work');
    const max = '😀'.repeat(64);
    const ok = await app.registry.dispatch('accounts.add', { label: max });
    expect(ok.ok).toBe(true);
    expect(errorOf(await app.registry.dispatch('accounts.add', { label: max + 'x' }))?.code).toBe('INVALID_INPUT');
  });

  it('answers NOT_FOUND for a well-formed id that does not exist', async () => {
    expect(errorOf(await app.registry.dispatch('accounts.rename', { id: 'acc-nope', label: 'x' }))?.code).toBe('NOT_FOUND');
    expect(errorOf(await app.registry.dispatch('accounts.remove', { id: 'acc-nope' }))?.code).toBe('NOT_FOUND');
  });

  it('turns an unexpected exception into INTERNAL without its stack or message', async () => {
    const logged: string[] = [];
    const handlers = {
      'accounts.list': () => {
        throw new Error('secret detail at /home/user/file.ts:12');
      },
      'accounts.add': () => {
        throw new AppError('STORE_UNREACHABLE', 'The store cannot be reached.');
      },
    } as unknown as Handlers;
    const registry = new CommandRegistry(handlers, { ...silentLogger, error: (m) => logged.push(m) });
    const internal = errorOf(await registry.dispatch('accounts.list', undefined));
    expect(internal?.code).toBe('INTERNAL');
    expect(internal?.message).not.toMatch(/secret|file\.ts|at /);
    expect(logged).toEqual(['command failed']);
    expect(errorOf(await registry.dispatch('accounts.add', { label: 'x' }))).toEqual({ code: 'STORE_UNREACHABLE', message: 'The store cannot be reached.' });
  });

  it('reports app info with the data folder and library version', async () => {
    const info = await app.registry.dispatch('app.info', undefined);
    expect(info.ok).toBe(true);
    const v = info.ok ? (info.value as { dataDir: string; versions: { whatsappWebJs: string }; version: string }) : undefined;
    expect(v?.dataDir).toBe(dir);
    expect(v?.versions.whatsappWebJs).toBe('1.34.7');
    expect(v?.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('every command of the contract', () => {
  it('answers INVALID_INPUT to malformed input, never a crash or a stack', async () => {
    const { commands } = await import('../../preload/contract');
    const garbage: unknown[] = [42, 'text', [1], { id: 'BAD ID!' }, { id: 'x'.repeat(41) }, { accountId: '../../etc' }, { storeId: 'nope', id: 3 }, JSON.parse('{"__proto__": {"id": "acc-1"}}')];
    // (Inputs arrive as JSON from both transports: a __proto__ key is an own, unknown property there.)
    for (const name of Object.keys(commands)) {
      const takesNothing = commands[name as keyof typeof commands].input.safeParse(undefined).success;
      for (const input of garbage) {
        if (takesNothing && typeof input === 'object' && !Array.isArray(input) && Object.keys(input as object).length === 0) continue;
        const r = await app.registry.dispatch(name, input);
        expect(r.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
        const err = errorOf(r)!;
        expect(err.code, `${name} ${JSON.stringify(input)}`).toBe('INVALID_INPUT');
        expect(err.message).not.toMatch(/\n\s+at /);
      }
    }
  });
});
