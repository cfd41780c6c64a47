// The phone page's messaging, as a person uses it, against a stock whatsapp-web.js client: write to the
// account as a contact, see the chat and what the account sent with its ticks, and read it.
// (e2e/simPhone.spec.ts covers linking from the same page.)
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'whatsapp-web.js';
import { CHROMIUM_PATH, ClientHarness, linkNewDevice, OFFLINE_CHROMIUM_ARGS, TEST_TIMINGS } from './clientHarness';
import { SimServer } from './SimServer';

let sim: SimServer;
let harness: ClientHarness;
let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  const errors = sim?.pageErrors() ?? [];
  await harness?.cleanup();
  await sim?.stop();
  expect(errors).toEqual([]);
});

const texts = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''));

describe('the phone page: messages', () => {
  it('a contact writes to the account from the page; the page shows the chat, what the account sent and its ticks; Read makes it read', async () => {
    sim = new SimServer({ ...TEST_TIMINGS });
    await sim.start();
    harness = new ClientHarness(sim);
    const { log } = await linkNewDevice(harness, sim, await harness.tempDir());
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: OFFLINE_CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(sim.phoneUrl);

    await page.type('#from', '15550000002');
    await page.type('#pushname', 'Alice');
    await page.type('#body', 'hello from the phone');
    await page.click('#compose button[type=submit]');
    const received = (await log.waitFor('message', 5_000)).args[0] as Message;
    expect(received).toEqual(expect.objectContaining({ body: 'hello from the phone', from: '15550000002@c.us' }));
    await expect.poll(() => texts(page, '[data-testid=chat]')).toEqual([expect.stringContaining('unread on the account: 1')]);
    expect(await page.$eval('#body', (input) => (input as HTMLInputElement).value)).toBe('');

    const reply = await received.reply('hi alice');
    await expect.poll(() => texts(page, '[data-testid=sent]'), { timeout: 5_000 }).toEqual(['To +15550000002: hi alice · delivered']);
    expect(await texts(page, '[data-testid=chat]')).toEqual([expect.stringContaining('unread on the account: 0')]);

    await page.click('[data-testid=chat] button');
    await log.waitForMatch('message_ack', (a) => (a[0] as Message).id._serialized === reply.id._serialized && a[1] === 3, 5_000);
    await expect.poll(() => texts(page, '[data-testid=sent]')).toEqual(['To +15550000002: hi alice · read']);

    await page.type('#from', 'not a number');
    await page.type('#body', 'x');
    await page.click('#compose button[type=submit]');
    await expect.poll(() => page.$eval('#message', (box) => box.textContent)).toContain('(CONTACT_INVALID)');
  });
});
