import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** A stream of `total` random bytes produced lazily (never held in memory), plus its SHA-256 once read. */
export function randomStream(total: number, chunk = 256 * 1024): { stream: Readable; digest: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  let hex: string | undefined;
  const stream = new Readable({
    read() {
      if (sent >= total) {
        hex = hash.digest('hex');
        this.push(null);
        return;
      }
      const buf = randomBytes(Math.min(chunk, total - sent));
      sent += buf.length;
      hash.update(buf);
      this.push(buf);
    },
  });
  return {
    stream,
    digest: () => {
      if (hex === undefined) throw new Error('stream not fully read yet');
      return hex;
    },
  };
}

/** A stream that sends `before` bytes and then fails, like a disk or network read breaking mid-save. */
export function failingStream(before: number, message = 'simulated read failure'): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= before) {
        this.destroy(new Error(message));
        return;
      }
      const buf = randomBytes(Math.min(64 * 1024, before - sent));
      sent += buf.length;
      this.push(buf);
    },
  });
}

export async function sha256Of(stream: Readable): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hex: hash.digest('hex'), bytes };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
