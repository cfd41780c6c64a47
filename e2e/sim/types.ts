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
}

export interface PhoneInit {
  /** Digits only, international format, e.g. '15550000001'. */
  number: string;
  pushname: string;
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
}
export type SimEventName = keyof SimEvents;

/** Page -> server messages on wss://web.whatsapp.com/ws/chat. */
export type PageMessage =
  | { type: 'hello'; keys: { noise: string; identity: string; adv: string }; platform: string; session?: { deviceId: string; secret: string } }
  | { type: 'refresh-qr' }
  | { type: 'pairing-code-request'; number: string }
  | { type: 'qr-linking' }
  | { type: 'synced'; historyBytes: number }
  | { type: 'logout'; id: number }
  | { type: 'takeover' }
  | { type: 'reconnect' };

/** Server -> page messages. */
export type ServerMessage =
  | { type: 'ref'; ref: string; first: boolean }
  | { type: 'idle' }
  | { type: 'pairing-code'; code: string }
  | { type: 'pair-success'; deviceId: string; secret: string; wid: string; pushname: string }
  | { type: 'login-ok'; wid: string; pushname: string }
  | { type: 'login-rejected' }
  | { type: 'unlink'; style: UnlinkStyle }
  | { type: 'state'; state: WaState }
  | { type: 'logout-ok'; id: number };

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
