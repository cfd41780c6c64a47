import type { PhoneInit } from './types';

/** A simulated phone: one WhatsApp account and the devices linked to it. */
export class Phone {
  readonly number: string;
  readonly pushname: string;
  private readonly linked = new Set<string>();

  constructor(
    init: PhoneInit,
    readonly maxLinkedDevices: number,
  ) {
    this.number = init.number;
    this.pushname = init.pushname;
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
