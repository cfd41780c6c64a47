import { Conversations } from './Conversations';
import type { PhoneInit } from './types';

/** A simulated phone: one WhatsApp account and the devices linked to it. */
export class Phone {
  readonly number: string;
  readonly pushname: string;
  /** Its 1:1 chats, contacts and unread counts (the server's copy, shared by all linked devices). */
  readonly conversations: Conversations;
  private readonly linked = new Set<string>();

  constructor(
    init: PhoneInit,
    readonly maxLinkedDevices: number,
  ) {
    this.number = init.number;
    this.pushname = init.pushname;
    this.conversations = new Conversations(init.number);
  }

  get deviceIds(): string[] {
    return [...this.linked];
  }

  get isFull(): boolean {
    return this.linked.size >= this.maxLinkedDevices;
  }

  /** @internal used by the simulated server */
  addDevice(deviceId: string): void {
    this.linked.add(deviceId);
  }

  /** @internal used by the simulated server */
  removeDevice(deviceId: string): void {
    this.linked.delete(deviceId);
  }
}
