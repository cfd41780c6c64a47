// What the runner and a host process (host.ts) say to each other over the fork's IPC channel.

/** Which host a process runs: the app (createApp), or stock whatsapp-web.js Clients. */
export type Variant = 'ours' | 'stock';

/**
 * How a message is sent and its acks heard. `api`: a script's HTTP POST and the event stream; `direct`: the
 * same app's messaging (the code behind the API) called in the host, its ack events in the host; `stock`:
 * client.sendMessage and message_ack. api - direct is the API's own cost; api - stock what a user sees.
 */
export type Path = 'api' | 'direct' | 'stock';

/** The job a host process starts with (its argv). */
export interface HostJob {
  variant: Variant;
  /** Accounts to link in this host. */
  n: number;
  /** This host's own data folder (under the benchmark's temp root: every browser it starts names it). */
  dir: string;
  /** The simulator's flags (host mapping, certificate pin). */
  chromiumArgs: string[];
  timeoutMs: number;
}

/** One sent message: when it was sent and when its acks arrived, in ms on the sender's clock (performance.now). */
export interface AckTimes {
  sentAt: number;
  /** The POST answered / sendMessage resolved. */
  acceptedAt?: number;
  deliveredAt?: number;
  readAt?: number;
}

/** Per account: what a latency round or a burst measured. */
export interface RoundResult {
  account: number;
  samples: AckTimes[];
  /** Burst only: from the first send to the last ack 2 (ms); undefined when it did not finish in time. */
  elapsedMs?: number;
  errors: string[];
}

export type HostCall =
  | { op: 'latency'; count: number; to: string[]; perMessageTimeoutMs: number }
  | { op: 'burst'; count: number; concurrency: number; to: string[]; timeoutMs: number }
  | { op: 'apiOn'; port: number }
  /** A full garbage collection, so an idle RSS is not whatever garbage the last phase left. */
  | { op: 'gc' }
  | { op: 'stop' };

/** Runner -> host. */
export interface CallMessage {
  type: 'call';
  reqId: number;
  call: HostCall;
}

/** Host -> runner. */
export type HostMessage =
  | { type: 'qr'; index: number; qr: string }
  | { type: 'ready'; accountIds: string[] }
  | { type: 'reply'; reqId: number; ok: true; value: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: string }
  | { type: 'anomaly'; text: string }
  | { type: 'fatal'; error: string };

/** Answer of apiOn: where the API listens and a key for all accounts (shown once, as the UI does). */
export interface ApiAccess {
  base: string;
  secret: string;
}
