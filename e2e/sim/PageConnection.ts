import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PageMessage, PendingQr, ServerMessage, SimTimings } from './types';

export interface RefHooks {
  onRef(pending: PendingQr, index: number): void;
  onRefExpired(ref: string): void;
  onIdle(): void;
}

/**
 * One loaded simulator page (one Chromium tab) talking to the server. Owns the QR ref rotation,
 * because refs belong to a page load: keys stay the same, only the ref changes.
 */
export class PageConnection {
  readonly deviceKey = `key-${randomBytes(6).toString('hex')}`;
  keys: Extract<PageMessage, { type: 'hello' }>['keys'] | undefined;
  platform = '1';
  /** Set while this page is logged in as a linked device. */
  deviceId: string | undefined;
  pendingCode: { code: string; number: string } | undefined;
  currentRef: PendingQr | undefined;
  private refTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly timings: SimTimings,
    private readonly hooks: RefHooks,
  ) {}

  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Issue refs one at a time: the first lives firstRefMs, later ones laterRefMs, then UNPAIRED_IDLE. */
  startRefs(): void {
    this.stopRefs();
    this.issueRef(0);
  }

  stopRefs(): void {
    if (this.refTimer) clearTimeout(this.refTimer);
    this.refTimer = undefined;
    if (this.currentRef) this.hooks.onRefExpired(this.currentRef.ref);
    this.currentRef = undefined;
  }

  close(): void {
    this.stopRefs();
    this.socket.terminate();
  }

  private issueRef(index: number): void {
    const keys = this.keys;
    if (!keys) return;
    // Real refs look like "2@" + ~80 base64 characters.
    const ref = `2@${randomBytes(60).toString('base64')}`;
    const ttl = index === 0 ? this.timings.firstRefMs : this.timings.laterRefMs;
    const qr = [ref, keys.noise, keys.identity, keys.adv, this.platform].join(',');
    this.currentRef = { deviceKey: this.deviceKey, qr, ref, expiresAt: Date.now() + ttl };
    this.send({ type: 'ref', ref, first: index === 0 });
    this.hooks.onRef(this.currentRef, index);
    this.refTimer = setTimeout(() => {
      this.hooks.onRefExpired(ref);
      this.currentRef = undefined;
      this.refTimer = undefined;
      if (index + 1 < this.timings.refCount) {
        this.issueRef(index + 1);
      } else {
        this.send({ type: 'idle' });
        this.hooks.onIdle();
      }
    }, ttl);
  }
}
