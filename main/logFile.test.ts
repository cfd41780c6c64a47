import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { LogFile } from './logFile';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'logfile-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const line = (n: number) => `{"n":${n},"pad":"${'x'.repeat(80)}"}`;

describe('LogFile', () => {
  it('rotates at the cap, keeps the configured number of files and drops the oldest lines', async () => {
    const log = new LogFile({ maxBytes: 1000, files: 3 });
    const dir = join(root, 'logs');
    log.open(dir);
    for (let n = 0; n < 100; n++) log.sink(line(n));
    await log.close();

    const files = log.paths(dir);
    expect(files.map((f) => basename(f))).toEqual(['app.log.2', 'app.log.1', 'app.log']);
    const longest = line(99).length + 1;
    for (const f of files) expect(statSync(f).size).toBeLessThan(1000 + longest);
    const kept = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean)).map((l) => (JSON.parse(l) as { n: number }).n);
    // The newest lines survive in order; the first ones were dropped with the oldest file.
    expect(kept.at(-1)).toBe(99);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(kept).not.toContain(0);
    expect(kept.length).toBeLessThan(100);
  });

  it('creates the folder 0700 and every file, rotated ones included, 0600', async () => {
    if (process.platform === 'win32') return;
    const log = new LogFile({ maxBytes: 500, files: 2 });
    const dir = join(root, 'logs');
    log.open(dir);
    for (let n = 0; n < 20; n++) log.sink(line(n));
    await log.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = log.paths(dir);
    expect(files).toHaveLength(2);
    for (const f of files) expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('keeps lines logged before the folder is known, and the logger redacts what reaches the file', async () => {
    const file = new LogFile();
    const logger = createLogger(file.sink);
    logger.info('early line for +1 555 123 4567');
    file.open(join(root, 'logs'));
    logger.warn('qr seen', { detail: '2@AbCdEfGhIjKlMnOpQrStUv,abc=,def=' });
    await file.flush();
    const text = readFileSync(join(root, 'logs', 'app.log'), 'utf8');
    expect(text).toContain('early line for [number]');
    expect(text).toContain('[qr]');
    expect(text).not.toContain('555 123');
    expect(text).not.toContain('AbCdEfGhIjKlMnOpQrStUv');
    await file.close();
    file.sink('after close');
    expect(readFileSync(join(root, 'logs', 'app.log'), 'utf8')).not.toContain('after close');
  });

  it('refuses limits that cannot work', () => {
    expect(() => new LogFile({ maxBytes: 0, files: 3 })).toThrow(/size cap/);
    expect(() => new LogFile({ maxBytes: 100, files: 1 })).toThrow(/at least two files/);
  });
});
