// archiver 8.0.0 is ESM and ships no types (@types/archiver describes the old v7 API); only what we use.
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';
  export interface EntryData {
    name: string;
    date?: Date;
    mode?: number;
  }
  export class ZipArchive extends Transform {
    constructor(options?: { zlib?: { level?: number }; forceZip64?: boolean });
    file(filepath: string, data: EntryData): this;
    append(source: Buffer | string | Readable, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
  }
}
