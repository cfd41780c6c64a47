// "Export diagnostics": one zip a user can attach to a report, written into the data folder's
// diagnostics/ (private like the rest of it). What goes in is collect.ts's; this class writes it.
import { ZipArchive } from 'archiver';
import { createWriteStream, mkdirSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DIAGNOSTICS_INLINE_MAX_BYTES, type Account, type AppInfo, type DiagnosticsFile, type StoreView, type TimelineEntry } from '../../preload/contract';
import { AppError } from '../errors';
import type { AppSettings } from '../../preload/settings';
import type { Logger } from '../log';
import type { LogFile } from '../logFile';
import { collectDiagnostics, type DiagnosticsSources } from './collect';

export interface DiagnosticsExporterOptions {
  /** Where the zips go: <data folder>/diagnostics. */
  dir: string;
  sources: DiagnosticsSources;
  /**
   * Whether the answer carries the zip itself (base64): the web host's page saves it in the browser,
   * which may be on another device than the data folder. Bytes in the answer rather than a one-time
   * download route: the zip stays small (the log is capped at 3 x 2 MB of JSON lines, which deflate
   * about tenfold; timelines keep 200 rows per account), so one WebSocket message carries it, and no
   * second authenticated HTTP path, with its own expiry and clean-up, is needed for it.
   */
  inline: boolean;
  /** Lets the log file write what it has queued, so the export holds the lines logged just before. */
  flushLogs?: () => Promise<void>;
  /** Older exports beyond this many are deleted (they are only copies of what the app still has). */
  keep?: number;
  now?: () => Date;
  log: Logger;
}

const PREFIX = 'wa-accounts-diagnostics-';

export class DiagnosticsExporter {
  private running: Promise<DiagnosticsFile> | null = null;

  constructor(private readonly o: DiagnosticsExporterOptions) {}

  /** One export at a time: a second click while one is being written gets the same file. */
  export(): Promise<DiagnosticsFile> {
    this.running ??= this.write().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async write(): Promise<DiagnosticsFile> {
    const now = this.o.now?.() ?? new Date();
    const fileName = `${PREFIX}${now.toISOString().replace(/[:.]/g, '-')}.zip`;
    const path = join(this.o.dir, fileName);
    try {
      await this.o.flushLogs?.();
      const entries = await collectDiagnostics(this.o.sources, now);
      mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
      const zip = new ZipArchive({ zlib: { level: 9 } });
      for (const e of entries) zip.append(e.content, { name: e.name, date: now });
      const done = pipeline(zip, createWriteStream(path, { mode: 0o600 }));
      await zip.finalize();
      await done;
      const size = (await stat(path)).size;
      await this.prune();
      this.o.log.info('diagnostics exported', { entries: entries.length, size });
      const data = this.o.inline && size <= DIAGNOSTICS_INLINE_MAX_BYTES ? (await readFile(path)).toString('base64') : null;
      return { path, fileName, size, data };
    } catch (err) {
      await rm(path, { force: true }).catch(() => undefined);
      const reason = err instanceof Error ? err.message : String(err);
      this.o.log.warn('diagnostics export failed', { error: reason });
      throw new AppError('DIAGNOSTICS_FAILED', `The diagnostics file could not be written in ${this.o.dir} (${reason}).`);
    }
  }

  private async prune(): Promise<void> {
    const keep = this.o.keep ?? 5;
    const names = (await readdir(this.o.dir)).filter((n) => n.startsWith(PREFIX) && n.endsWith('.zip')).sort();
    // Names sort by time: the ISO stamp in them is fixed-width.
    await Promise.all(names.slice(0, Math.max(0, names.length - keep)).map((n) => rm(join(this.o.dir, n), { force: true })));
  }
}

/** The exporter as the composition root builds it (main/index.ts), from the app's own views. */
export function appDiagnostics(o: {
  dataDir: string;
  host: AppInfo['host'];
  logFile?: LogFile;
  info: () => AppInfo;
  view: { list(): Account[] };
  accounts: { timeline(id: string): TimelineEntry[] };
  stores: { list(): Promise<StoreView[]> };
  settings?: { get(): AppSettings };
  log: Logger;
}): DiagnosticsExporter {
  return new DiagnosticsExporter({
    dir: join(o.dataDir, 'diagnostics'),
    inline: o.host === 'web',
    flushLogs: async () => o.logFile?.flush(),
    sources: { info: o.info, accounts: () => o.view.list(), timeline: (id) => o.accounts.timeline(id), stores: () => o.stores.list(), logFiles: () => o.logFile?.paths() ?? [], appSettings: o.settings ? () => o.settings!.get() : undefined },
    log: o.log,
  });
}
