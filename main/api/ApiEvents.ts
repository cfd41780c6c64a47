// Turns what accounts, messaging and backup report into the API's events (qr, state, message,
// message_ack, remote_session_saved), once, for both the event stream and the webhooks.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ApiEventKind, SessionState } from '../../preload/contract';
import type { AccountsMessaging, MessagingEvents } from '../accounts/MessagingPort';
import type { ApiEvent } from './schemas';

export interface ApiAccountEvents {
  on(event: 'state', listener: (id: string, state: SessionState) => void): unknown;
  off(event: 'state', listener: (id: string, state: SessionState) => void): unknown;
}

/** What backup tells of a stored backup (BackupService's `saved`, RemoteAuth's remote_session_saved). */
export interface BackupSaved {
  accountId: string;
  versionId: string;
  size: number;
  at: number;
  encrypted: boolean;
}

export interface ApiBackupEvents {
  on(event: 'saved', listener: (saved: BackupSaved) => void): unknown;
  off(event: 'saved', listener: (saved: BackupSaved) => void): unknown;
}

export interface ApiEventsDeps {
  accounts: ApiAccountEvents;
  messaging: AccountsMessaging | null;
  backup: ApiBackupEvents | null;
  now?: () => number;
}

/** Why a session is in its state, as a script can branch on it. */
export function stateReason(state: SessionState): string {
  switch (state.kind) {
    case 'failed': return state.code;
    case 'logged-out': return state.reason;
    case 'reconnecting': return state.reason;
    case 'starting': return state.phase;
    default: return state.kind;
  }
}

export class ApiEvents extends EventEmitter<{ event: [ApiEvent] }> {
  private readonly offs: (() => void)[] = [];
  private readonly lastState = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly deps: ApiEventsDeps) {
    super();
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.offs.length > 0) return;
    const { accounts, messaging, backup } = this.deps;
    const onState = (id: string, state: SessionState) => this.onState(id, state);
    accounts.on('state', onState);
    this.offs.push(() => accounts.off('state', onState));
    if (messaging) {
      const onMessage = (...[id, message]: MessagingEvents['message']) => this.publish('message', id, message);
      const onAck = (...[id, ack]: MessagingEvents['ack']) => this.publish('message_ack', id, ack);
      messaging.on('message', onMessage);
      messaging.on('ack', onAck);
      this.offs.push(() => messaging.off('message', onMessage), () => messaging.off('ack', onAck));
    }
    if (backup) {
      const onSaved = ({ accountId, versionId, size, at, encrypted }: BackupSaved) => this.publish('remote_session_saved', accountId, { versionId, size, at, encrypted });
      backup.on('saved', onSaved);
      this.offs.push(() => backup.off('saved', onSaved));
    }
  }

  stop(): void {
    this.offs.splice(0).forEach((off) => off());
  }

  private onState(id: string, state: SessionState): void {
    const reason = stateReason(state);
    const key = state.kind === 'qr' ? `qr:${state.qr}` : `${state.kind}:${reason}`;
    if (this.lastState.get(id) === key) return; // progress ticks (syncing %) are not state changes
    this.lastState.set(id, key);
    if (state.kind === 'qr') this.publish('qr', id, { qr: state.qr, qrImage: state.qrImage, expiresAt: state.expiresAt });
    this.publish('state', id, { state, reason });
  }

  private publish(type: ApiEventKind, accountId: string, data: unknown): void {
    this.emit('event', { id: `evt_${randomUUID()}`, type, accountId, timestamp: new Date(this.now()).toISOString(), data });
  }
}
