/** Connection states whatsapp-web.js 1.34.7 knows (index.d.ts WAState). */
export type WaState =
  | 'CONFLICT' | 'CONNECTED' | 'DEPRECATED_VERSION' | 'OPENING' | 'PAIRING' | 'PROXYBLOCK'
  | 'SMB_TOS_BLOCK' | 'TIMEOUT' | 'TOS_BLOCK' | 'UNLAUNCHED' | 'UNPAIRED' | 'UNPAIRED_IDLE';

export type UnlinkStyle = 'bridge' | 'state';

/** The 15 modules whatsapp-web.js 1.34.7 needs up to `ready` (docs/whatsapp-web.js.md, "Page modules the library requires"). */
export const REQUIRED_MODULES = [
  'WAWebSocketModel', 'WAWebCmd', 'WAWebConnModel', 'WAWebOfflineHandler', 'WAWebAltDeviceLinkingApi',
  'WABase64', 'WAWebCompanionRegClientUtils', 'WAWebAdvSignatureApi', 'WAWebUserPrefsInfoStore',
  'WAWebSignalStoreApi', 'WAWebUserPrefsMultiDevice',
  'WAWebUserPrefsMeUser', 'WAWebCollections', 'WAWebSyncGatingUtils', 'WAWebCallCollection',
] as const;
export type RequiredModule = (typeof REQUIRED_MODULES)[number];

/**
 * The 15 modules whatsapp-web.js 1.34.7 requires at call time for 1:1 text messages: chats, contacts,
 * send, acks, seen, replies (README.md, "Page modules"). WAWebLinkPreviewChatAction only for texts with a link.
 */
export const MESSAGING_MODULES = [
  'WALinkify', 'WAWebWidFactory', 'WAWebFindChatAction', 'WAWebStreamModel', 'WAWebUpdateUnreadChatAction',
  'WAWebChatGetters', 'WAWebMsgKey', 'WAWebGetEphemeralFieldsMsgActionsUtils', 'WAWebSendMsgChatAction',
  'WAWebLinkPreviewChatAction', 'WAWebMsgReply', 'WAWebQuotedMsgModelUtils', 'WAWebApiContact', 'WAWebContactGetters',
  'WAWebFrontendContactGetters',
] as const;
export type MessagingModule = (typeof MESSAGING_MODULES)[number];

/** whatsapp-web.js's MessageAck values the simulator produces (-1 refused, 0 pending, 1 server, 2 device, 3 read). */
export type MessageAck = -1 | 0 | 1 | 2 | 3;

export interface SimTimings {
  /** Page load until `Debug.VERSION` appears and the socket opens (real WA Web: seconds). */
  bootDelayMs: number;
  /** Lifetime of the first QR ref. */
  firstRefMs: number;
  /** Lifetime of each later ref. */
  laterRefMs: number;
  /** Refs issued before the page goes UNPAIRED_IDLE. */
  refCount: number;
  /** Pause between sync progress steps (0 %, 50 %, 100 %), then hasSynced. */
  syncStepMs: number;
  /** How long the page waits between `logout_from_bridge` and navigating to /?post_logout=1. */
  bridgeLogoutNavigateMs: number;
  /** From the server's ack (1) of the account's message until the contact's phone has it (ack 2). */
  deliveryMs: number;
}

export interface SimOptions extends Partial<SimTimings> {
  /** HTTPS/WSS port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Plain-HTTP port of the phone page on 127.0.0.1; 0 picks a free one. */
  phonePort?: number;
  /** Modules left out of the page's registry (the fragility test). */
  omitModules?: readonly string[];
  /** Replay `change:hasSynced` to listeners added after it became true (docs/whatsapp-web.js.md, "The hasSynced race"). Default true. */
  replayHasSynced?: boolean;
  /** Megabytes of message history written into the device's IndexedDB during its first sync. */
  historyMB?: number;
  /** The default phone; more can be added with addPhone(). */
  defaultPhone?: PhoneInit;
  /** Linked devices a phone accepts (WhatsApp: 4). */
  maxLinkedDevices?: number;
  /**
   * A JSON file that keeps phones, linked devices and chats across restarts (`npm run demo`): loaded by the
   * constructor, saved after changes and at stop(). Unset (tests): everything lives in memory.
   */
  stateFile?: string;
  /** Where the simulator's own notices go (the state file's load and save problems). Default console.log. */
  log?: (line: string) => void;
}

export interface PhoneInit {
  /** Digits only, international format, e.g. '15550000001'. */
  number: string;
  pushname: string;
}

/** A contact in a phone's address book (or someone who wrote to it). */
export interface SimContact {
  /** Digits only, international format. */
  number: string;
  /** Address-book name on the account's phone: the chat's title. */
  name?: string;
  /** The contact's own profile name (notifyName). */
  pushname?: string;
}

/** One text message of a phone's 1:1 chats, as the simulated server keeps it. */
export interface SimMessage {
  /** The serialized key whatsapp-web.js reports as `message.id._serialized`. */
  id: string;
  /** The contact's number (the chat). */
  contact: string;
  fromMe: boolean;
  body: string;
  /** Unix seconds. */
  t: number;
  ack: MessageAck;
  /** The linked device that sent it (the account's messages only). */
  deviceId?: string;
}

export interface SimChat {
  contact: string;
  name?: string;
  /** Messages from the contact the account has not marked seen. */
  unreadCount: number;
  /** Unix seconds of the last message (0 for none). */
  t: number;
  lastMessage?: SimMessage;
}

/** An error thrown inside a client's simulated page (window error, unhandled rejection, failed handler). */
export interface PageError {
  deviceKey: string;
  /** The linked device the page was logged in as, if any. */
  deviceId?: string;
  kind: 'error' | 'unhandledrejection' | 'handler';
  message: string;
  stack?: string;
  at: number;
}

export interface PendingQr {
  /** Identifies one page load waiting to be linked. */
  deviceKey: string;
  /** The exact string whatsapp-web.js emits as `qr`. */
  qr: string;
  ref: string;
  /** Epoch ms at which the ref stops being accepted. */
  expiresAt: number;
}

export interface PendingCode {
  deviceKey: string;
  code: string;
  /** The number the client asked to pair with. */
  number: string;
}

export interface DeviceInfo {
  deviceId: string;
  number: string;
  online: boolean;
  linkedAt: number;
  via: 'qr' | 'code';
  /** Last state the server knows the device to be in (CONNECTED once synced). */
  state: WaState;
}

/** Payloads of the events SimServer emits. */
export interface SimEvents {
  qr: PendingQr & { index: number };
  code: PendingCode;
  linked: { deviceId: string; deviceKey: string; number: string; via: 'qr' | 'code' };
  login: { deviceId: string; number?: string; accepted: boolean };
  synced: { deviceId: string; historyBytes: number };
  unlinked: { deviceId: string; number: string; by: 'phone' | 'device'; style: UnlinkStyle | 'offline' | 'logout' };
  state: { deviceId: string; state: WaState };
  refused: { reason: 'DEVICE_LIMIT'; number: string; deviceKey: string };
  idle: { deviceKey: string };
  /** A contact's message reached the server (sendToAccount); `devices` are the online ones it was pushed to. */
  received: { number: string; message: SimMessage; devices: string[] };
  /** The account sent a message from a linked device. */
  sent: { number: string; message: SimMessage };
  /** The ack of one of the account's messages moved forward. */
  ack: { number: string; id: string; ack: MessageAck };
  /** A device marked a chat seen. */
  seen: { number: string; deviceId: string; contact: string; unreadBefore: number };
  'page-error': PageError;
}
export type SimEventName = keyof SimEvents;
export type SimEmit = <K extends SimEventName>(event: K, payload: SimEvents[K]) => void;

/** Page -> server messages on wss://web.whatsapp.com/ws/chat. */
export type PageMessage =
  | { type: 'hello'; keys: { noise: string; identity: string; adv: string }; platform: string; session?: { deviceId: string; secret: string } }
  | { type: 'refresh-qr' }
  | { type: 'pairing-code-request'; number: string }
  | { type: 'qr-linking' }
  | { type: 'synced'; historyBytes: number }
  | { type: 'logout'; id: number }
  | { type: 'takeover' }
  | { type: 'reconnect' }
  | { type: 'send-msg'; id: string; to: string; body: string; t: number }
  | { type: 'seen'; reqId: number; chat: string }
  | { type: 'page-error'; kind: PageError['kind']; message: string; stack?: string };

/** A message on the wire: `chat` is the chat id (`<number>@c.us`), `id` the key's id part. */
export interface WireMessage {
  id: string;
  chat: string;
  fromMe: boolean;
  body: string;
  t: number;
  ack: MessageAck;
  notifyName?: string;
}

/** What a device gets at login: the phone's contacts, chats and recent messages (not news: no events). */
export interface WireHistory {
  contacts: { id: string; name?: string; pushname?: string }[];
  chats: { id: string; t: number; unreadCount: number }[];
  msgs: WireMessage[];
}

/** Server -> page messages. */
export type ServerMessage =
  | { type: 'ref'; ref: string; first: boolean }
  | { type: 'idle' }
  | { type: 'pairing-code'; code: string }
  | { type: 'pair-success'; deviceId: string; secret: string; wid: string; pushname: string; history: WireHistory }
  | { type: 'login-ok'; wid: string; pushname: string; history: WireHistory }
  | { type: 'login-rejected' }
  | { type: 'unlink'; style: UnlinkStyle }
  | { type: 'state'; state: WaState }
  | { type: 'logout-ok'; id: number }
  | { type: 'msg'; msg: WireMessage; unreadCount: number }
  | { type: 'ack'; id: string; ack: MessageAck }
  | { type: 'send-error'; id: string; reason: 'INVALID_RECIPIENT' | 'INVALID_MESSAGE' }
  | { type: 'seen-ok'; reqId: number; chat: string; unreadCount: number }
  | { type: 'chat-update'; chat: string; unreadCount: number };

/** Configuration the page reads from its own HTML (no server round-trip before Debug.VERSION). */
export interface PageConfig {
  bootDelayMs: number;
  syncStepMs: number;
  bridgeLogoutNavigateMs: number;
  omitModules: string[];
  replayHasSynced: boolean;
  historyMB: number;
  webVersion: string;
}
