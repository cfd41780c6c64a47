import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { BackupError, classifyNetworkError } from '../errors.js';

/**
 * 8 MiB parts (S3's minimum is 5 MiB). One part buffer is allocated per upload and reused: input is
 * copied into it once, and the next part is filled only after the previous one was sent (one part in
 * flight). Joining chunks into a fresh buffer per part instead left a trail of 8 MiB garbage that V8
 * collects late, so the host's peak memory grew with the archive size.
 */
export const PART_SIZE = 8 * 1024 * 1024;

/**
 * Uploads a stream of unknown length. A single PutObject needs the length up front (a stream without
 * it fails inside the SDK), so anything larger than one part goes through a multipart upload, which S3
 * makes visible only on Complete: that is what makes a save atomic. Any failure aborts the upload.
 */
export async function uploadStream(client: S3Client, bucket: string, key: string, body: Readable, signal?: AbortSignal, partSize = PART_SIZE): Promise<void> {
  let uploadId: string | undefined;
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  // The one part buffer, allocated on the first data.
  let part: Buffer | undefined;
  let filled = 0;
  const sendPart = async () => {
    if (uploadId === undefined) {
      const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      uploadId = created.UploadId;
      if (!uploadId) throw new BackupError('STORE_ERROR', 'The S3 server did not return an upload id.');
    }
    const partNumber = parts.length + 1;
    // The SDK is done with the bytes once send() resolves (its retries happen inside), so the buffer is free again.
    const data = part!.subarray(0, filled);
    const res = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: data, ContentLength: data.length }), { abortSignal: signal });
    parts.push({ ETag: res.ETag, PartNumber: partNumber });
    filled = 0;
  };
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      let at = 0;
      while (at < buf.length) {
        part ??= Buffer.allocUnsafe(partSize);
        // A full part is sent only once more data is known to follow, so the last part is never empty.
        if (filled === partSize) await sendPart();
        const n = buf.copy(part, filled, at);
        filled += n;
        at += n;
      }
    }
    const rest = part ? part.subarray(0, filled) : Buffer.alloc(0);
    if (uploadId === undefined) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: rest, ContentLength: rest.length }), { abortSignal: signal });
      return;
    }
    await sendPart();
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: signal });
  } catch (err) {
    if (uploadId !== undefined) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
    }
    throw err;
  }
}

interface SdkError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  message?: string;
}

/** Turns an SDK error into a BackupError; `where` describes the endpoint and bucket, never the keys. */
export function classifyS3Error(err: unknown, where: string, action: string): BackupError {
  if (err instanceof BackupError) return err;
  const e = (err ?? {}) as SdkError;
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const net = classifyNetworkError(err, where);
  if (net) return net;
  switch (name) {
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'InvalidToken':
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
    case 'AuthorizationHeaderMalformed':
    case 'CredentialsProviderError':
      return new BackupError('STORE_AUTH_FAILED', `${where}: the access key or secret was rejected (${name}). Check the credentials.`, undefined, { cause: err });
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return new BackupError('STORE_PERMISSION', `${where}: these credentials may not ${action}. Grant them read, write and delete on the bucket (and prefix).`, undefined, { cause: err });
    case 'NoSuchBucket':
      return new BackupError('STORE_NOT_FOUND', `${where}: the bucket does not exist. Create it or fix its name.`, 'BUCKET_MISSING', { cause: err });
    case 'QuotaExceeded':
    case 'EntityTooLarge':
    case 'InsufficientStorage':
    case 'XMinioStorageFull':
      return new BackupError('STORE_FULL', `${where}: the storage is full or over quota (${name}); the previous backup is kept.`, undefined, { cause: err });
    case 'TimeoutError':
    case 'RequestTimeout':
    case 'AbortError':
      return new BackupError('STORE_UNREACHABLE', `${where}: no answer in time. Check the endpoint, firewall or VPN.`, 'TIMEOUT', { cause: err });
    default:
      break;
  }
  if (status === 403) return new BackupError('STORE_PERMISSION', `${where}: access denied while trying to ${action}. Check the credentials and the bucket policy.`, undefined, { cause: err });
  if (status === 507) return new BackupError('STORE_FULL', `${where}: the storage is full; the previous backup is kept.`, undefined, { cause: err });
  return new BackupError('STORE_ERROR', `${where}: could not ${action} (${name || status || 'unknown error'}).`, undefined, { cause: err });
}

export function isNotFound(err: unknown): boolean {
  const e = (err ?? {}) as SdkError;
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}

export function isPreconditionFailed(err: unknown): boolean {
  const e = (err ?? {}) as SdkError;
  return e.name === 'PreconditionFailed' || e.name === 'ConditionalRequestConflict' || e.$metadata?.httpStatusCode === 412 || e.$metadata?.httpStatusCode === 409;
}

export function isNotImplemented(err: unknown): boolean {
  const e = (err ?? {}) as SdkError;
  return e.name === 'NotImplemented' || e.$metadata?.httpStatusCode === 501;
}
