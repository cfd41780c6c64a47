// The local API through the app: in the UI, turn the API on, create a key (shown once) and a webhook
// for a linked account; a message from the phone reaches a real HTTP receiver signed (Standard
// Webhooks) and the event stream, and the delivery log fills. A message sent with the key reaches the
// simulated phone.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Locator, Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { freePort } from '../main/api/testing/freePort';
import { expect, test } from './fixtures';
import { linkedAccount, openApp, openSettings, snap } from './ui';

const ALICE = '15550000002';



async function startReceiver(port = 0) {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { got, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, stop: () => new Promise((r) => server.close(r)) };
}

/** Reads an SSE stream in the background, keeping every event's JSON. */
function followStream(url: string, key: string) {
  const events: { type: string; data: { body?: string } }[] = [];
  const controller = new AbortController();
  let connected: () => void = () => {};
  const ready = new Promise<void>((r) => (connected = r));
  void (async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
    let buffer = '';
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      connected(); // the server's first frame: it is subscribed
      buffer += chunk;
      const frames = buffer.split('\n\n');
      buffer = frames.pop()!;
      for (const f of frames) for (const line of f.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
    }
  })().catch(() => {});
  return { events, ready, stop: () => controller.abort() };
}

/** Turns the API on at a free port through the UI; answers its address. */
async function turnApiOn(page: Page): Promise<{ area: Locator; base: string }> {
  const area = page.getByRole('region', { name: 'Local API' });
  if (!(await area.isVisible())) await openSettings(page);
  const port = await freePort();
  await area.getByLabel('Port', { exact: true }).fill(String(port));
  await area.getByRole('button', { name: 'Save API settings' }).click();
  const onOff = area.getByRole('switch', { name: 'Turn on the local API' });
  await onOff.click();
  await expect(onOff).toBeChecked();
  const base = `http://127.0.0.1:${port}`;
  await expect(area.getByText(`Listening at ${base}`)).toBeVisible();
  return { area, base };
}

async function addWebhook(area: Locator, label: string, url: string): Promise<string> {
  const form = area.getByRole('form', { name: 'Add a webhook' });
  await form.getByLabel('Account', { exact: true }).selectOption({ label });
  await form.getByLabel('Webhook URL').fill(url);
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const secretValue = area.getByLabel('Signing secret value');
  await expect(secretValue).toHaveText(/^whsec_/);
  const secret = (await secretValue.textContent())!;
  await area.getByRole('group', { name: 'Signing secret' }).getByRole('button', { name: 'Done' }).click();
  await expect(area.getByRole('list', { name: 'Webhooks' })).toContainText(url);
  return secret;
}

test('a webhook whose receiver is down gets the message once it is back, after the host restarted in between', async ({ page, host, sim }) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await linkedAccount(page, sim, 'Work');
  const { area } = await turnApiOn(page);
  const port = await freePort(); // nothing listens there yet
  const secret = await addWebhook(area, 'Work', `http://127.0.0.1:${port}/hook`);
  sim.sendToAccount({ from: ALICE, body: 'are you there?' });
  const log = area.getByRole('list', { name: 'Webhook deliveries' });
  await expect(log).toContainText(/failed 1×: The receiver could not be reached \(ECONNREFUSED\), retrying/);

  await host.restart(true);
  await openApp(page, host.url);
  await openSettings(page);
  await expect(log).toContainText('retrying');
  const receiver = await startReceiver(port);
  const received = () => receiver.got.map((g) => new Webhook(secret).verify(g.body, g.headers as Record<string, string>) as { type: string; data: { body?: string } });
  await expect.poll(() => received().filter((e) => e.type === 'message').map((e) => e.data.body), { timeout: 30_000 }).toEqual(['are you there?']);
  // In order: the message, then the state changes of the restart that came after it.
  expect(received()[0]).toMatchObject({ type: 'message', data: { body: 'are you there?' } });
  await expect(log).toContainText('delivered (HTTP 204)');
  await receiver.stop();
});

test('a key and a webhook made in the UI: phone messages reach the webhook signed and the stream, the log fills, and the API sends to the phone', async ({ page, host, sim }, testInfo) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  await openApp(page, host.url);
  await linkedAccount(page, sim, 'Work');
  await openSettings(page);
  await expect(page.getByRole('region', { name: 'Local API' }).getByRole('status').first()).toHaveText('Off');
  const { area, base } = await turnApiOn(page);

  await area.getByLabel('Key name').fill('my script');
  await area.getByRole('button', { name: 'Create key' }).click();
  const keyValue = area.getByLabel('New API key value');
  await expect(keyValue).toHaveText(/^wak_[A-Za-z0-9_-]{40,}$/);
  const key = (await keyValue.textContent())!;
  await area.getByRole('group', { name: 'New API key' }).getByRole('button', { name: 'Done' }).click();
  await expect(area.getByRole('list', { name: 'API keys' })).toContainText('my script');
  await expect(area.getByText(key)).toHaveCount(0); // shown once

  const secret = await addWebhook(area, 'Work', receiver.url);

  // The key works: the account is there, Ready.
  const accounts = (await (await fetch(`${base}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } })).json()) as { accounts: { id: string; label: string; session: { kind: string } }[] };
  const work = accounts.accounts.find((a) => a.label === 'Work')!;
  expect(work.session.kind).toBe('ready');
  const stream = followStream(`${base}/v1/events?accountId=${work.id}`, key);
  await stream.ready;

  // The phone writes: the webhook gets it signed within 2 s, the stream too, and the log says delivered.
  const sentAt = Date.now();
  sim.sendToAccount({ from: ALICE, body: 'ping from the phone' });
  await expect.poll(() => receiver.got.find((g) => g.body.includes('ping from the phone')), { timeout: 5_000 }).toBeTruthy();
  expect(Date.now() - sentAt).toBeLessThan(2_000 + 500); // poll granularity
  const delivery = receiver.got.find((g) => g.body.includes('ping from the phone'))!;
  expect(new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>)).toMatchObject({ type: 'message', accountId: work.id, data: { body: 'ping from the phone', fromMe: false } });
  await expect.poll(() => stream.events.some((e) => e.type === 'message' && e.data.body === 'ping from the phone')).toBe(true);
  const log = area.getByRole('list', { name: 'Webhook deliveries' });
  await expect(log).toContainText('Messages received');
  await expect(log).toContainText('delivered (HTTP 204)');
  await snap(page, testInfo, 'api-area');

  // A message sent with the API reaches the phone's contact.
  const res = await fetch(`${base}/v1/accounts/${work.id}/messages`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ to: ALICE, text: 'hello from a script' }) });
  expect(res.status).toBe(201);
  expect(((await res.json()) as { id: string }).id).toBeTruthy();
  await expect.poll(() => sim.sentByAccount(undefined, ALICE).map((m) => m.body)).toContain('hello from a script');

  // Revoked in the UI: the key stops working.
  await area.getByRole('button', { name: 'Revoke my script' }).click();
  await expect(area.getByRole('list', { name: 'API keys' })).toContainText('revoked');
  expect((await fetch(`${base}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  stream.stop();
  await receiver.stop();
});
