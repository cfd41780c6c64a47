import type { S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { uploadStream } from './s3Support.js';

interface Sent {
  command: string;
  body?: Buffer;
  partNumber?: number;
}

/** Records what uploadStream sends, copying each body as the server would have received it at that moment. */
function recordingClient(): { client: S3Client; sent: Sent[]; maxInFlight: () => number } {
  const sent: Sent[] = [];
  let inFlight = 0;
  let max = 0;
  const client = {
    async send(command: { constructor: { name: string }; input: { Body?: Buffer; PartNumber?: number } }) {
      inFlight++;
      max = Math.max(max, inFlight);
      const body = command.input.Body ? Buffer.from(command.input.Body) : undefined;
      await new Promise((r) => setTimeout(r, 1));
      sent.push({ command: command.constructor.name, ...(body ? { body } : {}), ...(command.input.PartNumber ? { partNumber: command.input.PartNumber } : {}) });
      inFlight--;
      return { UploadId: 'u1', ETag: `"${sent.length}"` };
    },
  } as unknown as S3Client;
  return { client, sent, maxInFlight: () => max };
}

describe('uploadStream', () => {
  const PART = 1000;
  it.each([
    ['empty', 0, ['PutObjectCommand']],
    ['below one part', 999, ['PutObjectCommand']],
    ['exactly one part', 1000, ['PutObjectCommand']],
    ['one byte over', 1001, ['CreateMultipartUploadCommand', 'UploadPartCommand', 'UploadPartCommand', 'CompleteMultipartUploadCommand']],
    ['exactly three parts', 3000, ['CreateMultipartUploadCommand', 'UploadPartCommand', 'UploadPartCommand', 'UploadPartCommand', 'CompleteMultipartUploadCommand']],
  ])('%s: full parts except the last, never an empty part, one request at a time, bytes intact', async (_name, size, commands) => {
    const data = randomBytes(size);
    // Odd chunk sizes, larger and smaller than a part, as the encryptor and file reads produce them.
    const chunks: Buffer[] = [];
    for (let at = 0, i = 0; at < size; i++) {
      const n = [333, 1500, 7][i % 3]!;
      chunks.push(data.subarray(at, at + n));
      at += n;
    }
    const { client, sent, maxInFlight } = recordingClient();
    await uploadStream(client, 'b', 'k', Readable.from(chunks), undefined, PART);
    expect(sent.map((s) => s.command)).toEqual(commands);
    const bodies = sent.filter((s) => s.body).map((s) => s.body!);
    expect(Buffer.concat(bodies).equals(data)).toBe(true);
    const parts = sent.filter((s) => s.command === 'UploadPartCommand');
    parts.forEach((p, i) => {
      expect(p.partNumber).toBe(i + 1);
      expect(p.body!.length).toBe(i < parts.length - 1 ? PART : size - PART * (parts.length - 1));
    });
    expect(maxInFlight()).toBe(1);
  });
});
