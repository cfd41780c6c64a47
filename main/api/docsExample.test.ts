// docs/api.md's example, run as a user would (node, plain fetch) against a real API: it sends its
// message and prints the reply that arrives on the event stream.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

let h: Harness;
afterEach(async () => h?.close());

it('docs/api.md: the example sends a message and prints the replies from the stream', async () => {
  h = await startHarness();
  const { secret } = h.api.createKey('docs', null);
  const doc = readFileSync(resolve(__dirname, '../../docs/api.md'), 'utf8');
  const example = /## Example: send a message and print the replies[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)![1]!;
  const file = join(h.dir, 'send-and-listen.mjs');
  writeFileSync(file, example);
  const child = spawn(process.execPath, [file], { env: { ...process.env, WA_API_URL: h.base, WA_API_KEY: secret, WA_TO: '15550000002', WA_MAX_REPLIES: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    // The contact answers once the script's message went out.
    if (out.includes('sent ') && !out.includes('reply')) setTimeout(() => h.messaging.incoming('acc-a', 'Hi script!'), 50);
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toContain('sent true_15550000002@c.us_3EB01 from acc-a');
  expect(out).toContain('reply from 15550000002@c.us: Hi script!');
  expect(h.messaging.sent).toEqual([{ accountId: 'acc-a', message: { to: '15550000002', text: 'Hello from a script' } }]);
}, 20_000);
