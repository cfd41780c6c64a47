// The messaging half of the page's module registry (types.ts MESSAGING_MODULES), tested like
// modules.int.test.ts tests the 15 modules up to `ready`: each module must be necessary, or the
// simulator would prove nothing about it. whatsapp-web.js 1.34.7 requires these at call time, so
// without one the client still becomes ready, and exactly the calls and events that need the module
// fail: a call rejects naming it, an event never reaches Node and the page reports the error.
import { afterEach, describe, expect, it } from 'vitest';
import type { Chat, Message } from 'whatsapp-web.js';
import { ClientHarness, linkNewDevice, TEST_TIMINGS } from './clientHarness';
import { SimServer } from './SimServer';
import { MESSAGING_MODULES, type MessagingModule } from './types';

const ALICE = '15550000002';
const BOB = '15550000003';
/** Events follow their cause within milliseconds here; this rules out a slow one. */
const EVENT_GRACE_MS = 3_000;

type Step =
  | 'getChats' | 'message event' | 'unread_count event' | 'sendSeen' | 'sendMessage to a new chat' | 'message_ack event'
  | 'sendMessage with a link' | 'reply' | 'getQuotedMessage' | 'getContactById';

/** Where each module is needed; every other step must still work without it. */
const NEEDED_BY: Record<MessagingModule, Step[]> = {
  // unread_count too: the library re-reads the chat, and its last message goes through WALinkify.
  WALinkify: ['getChats', 'message event', 'unread_count event', 'sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebWidFactory: ['unread_count event', 'sendSeen', 'sendMessage to a new chat', 'sendMessage with a link', 'reply', 'getContactById'],
  WAWebFindChatAction: ['sendMessage to a new chat'],
  WAWebStreamModel: ['sendSeen', 'sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebUpdateUnreadChatAction: ['sendSeen', 'sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebChatGetters: ['sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebMsgKey: ['sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebGetEphemeralFieldsMsgActionsUtils: ['sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebSendMsgChatAction: ['sendMessage to a new chat', 'sendMessage with a link', 'reply'],
  WAWebLinkPreviewChatAction: ['sendMessage with a link'],
  WAWebMsgReply: ['reply'],
  WAWebQuotedMsgModelUtils: ['getQuotedMessage'],
  WAWebApiContact: ['getContactById'],
  WAWebContactGetters: ['getContactById'],
  WAWebFrontendContactGetters: ['getContactById'],
};

let sim: SimServer;
let harness: ClientHarness;

afterEach(async () => {
  await harness?.cleanup();
  await sim?.stop();
});

interface Failure {
  step: Step;
  /** The rejection, or the page errors seen during the step when an event did not come. */
  message: string;
}

/**
 * Links a stock client to a page without `omit` and runs every messaging call and event once,
 * recording which steps failed and why. The phone already has a chat with Alice (one unread).
 */
async function workout(omit: string[]): Promise<Failure[]> {
  sim = new SimServer({ ...TEST_TIMINGS, omitModules: omit });
  await sim.start();
  harness = new ClientHarness(sim);
  sim.addContact({ number: ALICE, name: 'Alice' });
  sim.sendToAccount({ from: ALICE, body: 'history' });
  const { client, log } = await linkNewDevice(harness, sim, await harness.tempDir());

  const failures: Failure[] = [];
  // An event's failure shows as page errors after its cause, so `since` marks the cause.
  const step = async (name: Step, run: () => Promise<unknown>, since = sim.pageErrors().length): Promise<void> => {
    try {
      await run();
    } catch (error) {
      const pageErrors = sim.pageErrors().slice(since).map((e) => e.message);
      failures.push({ step: name, message: [error instanceof Error ? error.message : String(error), ...pageErrors].join(' | ') });
    }
  };
  const idOf = (args: unknown[]): string => (args[0] as Message).id._serialized;

  await step('getChats', async () => {
    const chats = await client.getChats();
    expect(chats.map((c) => [c.id._serialized, c.unreadCount, c.lastMessage?.body])).toEqual([[`${ALICE}@c.us`, 1, 'history']]);
  });
  const beforeIncoming = sim.pageErrors().length;
  const incoming = sim.sendToAccount({ from: ALICE, body: 'live' });
  await step('message event', () => log.waitForMatch('message', (a) => idOf(a) === incoming.id, EVENT_GRACE_MS), beforeIncoming);
  await step('unread_count event', () => log.waitForMatch('unread_count', (a) => (a[0] as Chat).unreadCount === 2, EVENT_GRACE_MS), beforeIncoming);
  await step('sendSeen', async () => {
    expect(await client.sendSeen(`${ALICE}@c.us`)).toBe(true);
    expect(sim.chats().find((c) => c.contact === ALICE)?.unreadCount).toBe(0);
  });
  let sentId = '';
  const beforeSend = sim.pageErrors().length;
  await step('sendMessage to a new chat', async () => {
    sentId = (await client.sendMessage(`${BOB}@c.us`, 'plain text')).id._serialized;
  });
  // Only a message that was sent can be acked: a refused send is that step's failure alone.
  if (sentId) await step('message_ack event', () => log.waitForMatch('message_ack', (a) => idOf(a) === sentId && a[1] === 2, EVENT_GRACE_MS), beforeSend);
  await step('sendMessage with a link', async () => {
    expect((await client.sendMessage(`${ALICE}@c.us`, 'see https://example.org')).links).toHaveLength(1);
  });
  let reply: Message | undefined;
  await step('reply', async () => {
    reply = await (await client.getMessageById(incoming.id)).reply('a reply');
    expect(reply.hasQuotedMsg).toBe(true);
  });
  // Only a reply can show what it quotes.
  if (reply) {
    await step('getQuotedMessage', async () => {
      expect((await (reply as Message).getQuotedMessage())?.id._serialized).toBe(incoming.id);
    });
  }
  await step('getContactById', async () => {
    expect((await client.getContactById(`${ALICE}@c.us`)).name).toBe('Alice');
  });
  return failures;
}

describe('each of the 15 messaging page modules is required by whatsapp-web.js 1.34.7', () => {
  it('control: with every module present every messaging call and event works, and nothing throws in the page', async () => {
    expect(await workout([])).toEqual([]);
    expect(sim.pageErrors()).toEqual([]);
  });

  it.each(MESSAGING_MODULES)('without %s, exactly the calls and events that need it fail, naming the module', async (module) => {
    const failures = await workout([module]);
    expect(failures.map((f) => f.step)).toEqual(NEEDED_BY[module]);
    // Each failure is this module's absence: an unknown module, seen in Node or in the page.
    for (const f of failures) {
      expect(f.message, f.step).toContain(`Requiring unknown module "${module}"`);
    }
  });
});
