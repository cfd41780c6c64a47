// The OpenAPI 3.1 document the API serves, checked by a real OpenAPI validator, and naming every route.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

let h: Harness;
afterEach(async () => h?.close());

describe('OpenAPI document', () => {
  it('is served without a key, is a valid OpenAPI 3.1 document, and lists every endpoint with its schemas', async () => {
    h = await startHarness();
    const res = await fetch(h.base + '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> }; security?: unknown[] }>> };
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/accounts',
      '/accounts/{accountId}',
      '/accounts/{accountId}/chats',
      '/accounts/{accountId}/chats/{chatId}/seen',
      '/accounts/{accountId}/messages',
      '/accounts/{accountId}/qr',
      '/events',
    ]);
    const send = doc.paths['/accounts/{accountId}/messages']!.post!;
    expect(Object.keys(send.requestBody!.content['application/json']!.schema.properties)).toEqual(['to', 'text']);
    expect(send.security).toEqual([{ apiKey: [] }]);
  });
});
