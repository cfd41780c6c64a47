// The app's own log file: <data folder>/logs/app.log, size-capped, for "Export diagnostics" and for
// whoever looks at a desktop app that has no terminal. Rotation is rotating-file-stream's (maintained,
// no dependencies; its classical mode renames app.log -> app.log.1 -> app.log.2 and drops the oldest,
// creating files with our mode), so this file only adds what the app needs around it: lines logged
// before the data folder is known wait in memory, and a disk error turns the file off instead of
// crashing the app.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { Sink } from './log';

export const LOG_FILE_NAME = 'app.log';

export interface LogFileLimits {
  /** A file is rotated once it reaches this size (it may exceed it by the one line that crossed it). */
  maxBytes: number;
  /** Files kept in all, the current one included (at least 2). */
  files: number;
}

export const DEFAULT_LOG_LIMITS: LogFileLimits = { maxBytes: 2 * 1024 * 1024, files: 3 };

/** Lines kept while no folder is open yet (hosts log a few before the data folder is theirs). */
const EARLY_LINES = 500;

export class LogFile {
  private stream: RotatingFileStream | null = null;
  private early: string[] = [];
  private folder: string | null = null;
  private closed = false;

  constructor(
    private readonly limits: LogFileLimits = DEFAULT_LOG_LIMITS,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(m + '\n'),
  ) {
    if (!Number.isInteger(limits.maxBytes) || limits.maxBytes < 1) throw new Error('The log file size cap must be a positive whole number of bytes.');
    // One file would mean rotating-file-stream's time-stamped names, which it never deletes: keep at least two.
    if (!Number.isInteger(limits.files) || limits.files < 2) throw new Error('The log must keep at least two files (the current one and one before it).');
  }

  /** Hand this to createLogger (with teeSink for stderr as well). */
  readonly sink: Sink = (line) => {
    if (this.stream) this.stream.write(line + '\n');
    else if (!this.closed && this.early.length < EARLY_LINES) this.early.push(line);
  };

  /** The folder holding the files, once open. */
  get dir(): string | null {
    return this.folder;
  }

  /**
   * Starts writing into `dir` (created 0700; files 0600), beginning with the lines logged so far.
   * Called once the data folder is this app's (main/index.ts, after the data lock).
   */
  open(dir: string): void {
    if (this.stream || this.closed) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (process.platform !== 'win32') {
        chmodSync(dir, 0o700);
        // An older file keeps whatever mode it was created with; new ones get `mode` below.
        for (const file of this.paths(dir)) chmodSync(file, 0o600);
      }
    } catch (err) {
      // The app runs without its log file rather than not at all (stderr still has every line).
      this.warn(`The log folder ${dir} cannot be used (${(err as Error).message}); logging goes to stderr only.`);
      return;
    }
    const stream = createStream(LOG_FILE_NAME, {
      path: dir,
      size: `${this.limits.maxBytes}B`,
      rotate: this.limits.files - 1,
      mode: 0o600,
    });
    stream.on('error', (err: Error) => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.warn(`The log file in ${dir} can no longer be written (${err.message}); logging goes on to stderr only.`);
    });
    this.stream = stream;
    this.folder = dir;
    for (const line of this.early) stream.write(line + '\n');
    this.early = [];
  }

  /** The log files that exist, oldest first (app.log.2, app.log.1, app.log). */
  paths(dir = this.folder): string[] {
    if (!dir) return [];
    const names = [LOG_FILE_NAME, ...Array.from({ length: this.limits.files - 1 }, (_, i) => `${LOG_FILE_NAME}.${i + 1}`)];
    return names.map((n) => join(dir, n)).filter((p) => existsSync(p)).reverse();
  }

  /** Resolves once every line written so far is on disk (an export reads the files right after). */
  async flush(): Promise<void> {
    const stream = this.stream;
    // writableLength counts the line being written too, and a write completes only after any rotation it caused.
    for (let waited = 0; stream && this.stream === stream && stream.writableLength > 0 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Writes what is pending and closes the file; later lines go nowhere (stderr still has them). */
  async close(): Promise<void> {
    this.closed = true;
    this.early = [];
    const stream = this.stream;
    this.stream = null;
    if (!stream) return;
    await new Promise<void>((resolve) => {
      stream.once('finish', () => resolve());
      stream.once('error', () => resolve());
      stream.end();
    });
  }
}
