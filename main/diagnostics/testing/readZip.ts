import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Every entry of a zip held in memory, as text by name (tests of what an export holds). */
export function readZip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream: Readable) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The values (as given) that occur anywhere in the zip's files, with the file they are in. */
export function leaks(files: Map<string, string>, values: string[]): string[] {
  const found: string[] = [];
  for (const [name, text] of files) {
    for (const v of values) if (text.includes(v) || name.includes(v)) found.push(`${v} in ${name}`);
  }
  return found;
}
