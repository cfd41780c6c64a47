import { randomBytes, randomInt } from 'node:crypto';
import type { WebSocket } from 'ws';
import { SimError } from './errors';
import { MessageRelay, type OnlineDevice } from './MessageRelay';
import { PageConnection } from './PageConnection';
import { Phone } from './Phone';
import type { SimSnapshot } from './SimState';
import type {
  DeviceInfo, PageError, PageMessage, PendingCode, PendingQr, PhoneInit, SimChat, SimContact, SimEmit, SimMessage, SimTimings,
  SimEventName, UnlinkStyle, WaState,
} from './types';

interface DeviceRecord {
  deviceId: string;
  secret: string;
  phone: Phone;
  linkedAt: number;
  via: 'qr' | 'code';
  state: WaState;
  conn: PageConnection | undefined;
}

/** Events after which the server's lasting state (phones, devices, chats) differs: the state file is saved. */
const LASTING: ReadonlySet<SimEventName> = new Set<SimEventName>(['linked', 'unlinked', 'login', 'synced', 'state', 'received', 'sent', 'ack', 'seen']);

// WhatsApp's pairing codes use this alphabet (no 0, O, I, U).
const CODE_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';

/** The simulated WhatsApp server and phones: who is linked, which refs and codes are live. */
export class SimBackend {
  private readonly phones = new Map<string, Phone>();
  private readonly deviceRecords = new Map<string, DeviceRecord>();
  private readonly connections = new Set<PageConnection>();
  /** Refs that were issued and are no longer accepted, so a late scan gets a precise refusal. */
  private readonly deadRefs = new Set<string>();
  readonly defaultPhone: Phone;
  private readonly relay: MessageRelay;
  private readonly emit: SimEmit;

  /** `changed` is told after every change a state file keeps (SimState.ts). */
  constructor(
    private readonly timings: SimTimings,
    private readonly maxLinkedDevices: number,
    defaultPhone: PhoneInit,
    emit: SimEmit,
    private readonly changed: () => void = () => {},
  ) {
    this.emit = (event, payload) => {
      emit(event, payload);
      if (LASTING.has(event)) changed();
    };
    this.defaultPhone = this.addPhone(defaultPhone);
    this.relay = new MessageRelay(timings, (phone) => this.onlineDevices(phone), this.emit);
  }

  addPhone(init: PhoneInit): Phone {
    if (!/^\d{6,15}$/.test(init.number)) throw new SimError('PHONE_UNKNOWN', 'A phone number is 6-15 digits, international format without "+", e.g. 15550000002.');
    if (this.phones.has(init.number)) throw new SimError('PHONE_EXISTS', 'A phone with this number already exists in the simulator.');
    const phone = this.createPhone(init);
    this.changed();
    return phone;
  }

  /** Phones, linked devices and chats as plain data (what a restarted simulator needs to recognise its devices). */
  snapshot(): SimSnapshot {
    return {
      version: 1,
      phones: this.listPhones().map((p) => ({ number: p.number, pushname: p.pushname, conversations: p.conversations.snapshot() })),
      devices: [...this.deviceRecords.values()].map((r) => ({
        deviceId: r.deviceId, secret: r.secret, number: r.phone.number, linkedAt: r.linkedAt, via: r.via, state: r.state,
      })),
    };
  }

  /** Brings back a snapshot before any page connects: its devices are offline until their pages log in again. */
  restore(saved: SimSnapshot): void {
    for (const p of saved.phones) {
      // Not addPhone(): bringing the file back is no change to save (a second demo refused by the host writes nothing).
      const phone = this.phones.get(p.number) ?? this.createPhone({ number: p.number, pushname: p.pushname });
      phone.conversations.restore(p.conversations);
    }
    for (const d of saved.devices) {
      const phone = this.phones.get(d.number);
      if (!phone || this.deviceRecords.has(d.deviceId)) continue;
      this.deviceRecords.set(d.deviceId, { deviceId: d.deviceId, secret: d.secret, phone, linkedAt: d.linkedAt, via: d.via, state: d.state, conn: undefined });
      phone.addDevice(d.deviceId);
    }
  }

  listPhones(): Phone[] {
    return [...this.phones.values()];
  }

  attach(socket: WebSocket): void {
    const conn = new PageConnection(socket, this.timings, {
      onRef: (pending, index) => this.emit('qr', { ...pending, index }),
      onRefExpired: (ref) => this.deadRefs.add(ref),
      onIdle: () => this.emit('idle', { deviceKey: conn.deviceKey }),
    });
    this.connections.add(conn);
    socket.on('message', (data) => {
      let message: PageMessage;
      try {
        message = JSON.parse(String(data)) as PageMessage;
      } catch {
        return;
      }
      try {
        this.handle(conn, message);
      } catch (error) {
        // A malformed page message must not take the simulator down; it shows as that page's error.
        this.relay.recordError(conn, { type: 'page-error', kind: 'handler', message: `server: ${String(error)}` });
      }
    });
    socket.on('close', () => {
      conn.stopRefs();
      this.connections.delete(conn);
      const record = conn.deviceId ? this.deviceRecords.get(conn.deviceId) : undefined;
      if (record?.conn === conn) record.conn = undefined;
    });
  }

  pendingQrs(): PendingQr[] {
    return [...this.connections].flatMap((c) => (c.currentRef ? [{ ...c.currentRef }] : []));
  }

  pendingCodes(): PendingCode[] {
    return [...this.connections].flatMap((c) => (c.pendingCode ? [{ deviceKey: c.deviceKey, ...c.pendingCode }] : []));
  }

  devices(phone?: Phone | string): DeviceInfo[] {
    const number = typeof phone === 'string' ? phone : phone?.number;
    return [...this.deviceRecords.values()]
      .filter((r) => number === undefined || r.phone.number === number)
      .map((r) => ({ deviceId: r.deviceId, number: r.phone.number, online: r.conn !== undefined, linkedAt: r.linkedAt, via: r.via, state: r.state }));
  }

  scan(qr: string, phone?: Phone | string): DeviceInfo {
    const target = this.resolvePhone(phone);
    const fields = qr.split(',');
    const ref = fields[0] ?? '';
    if (fields.length !== 5 || !ref.startsWith('2@')) {
      throw new SimError('QR_MALFORMED', 'This is not a WhatsApp linking QR code (expected "ref,noiseKey,identityKey,advSecret,platform").');
    }
    const conn = [...this.connections].find((c) => c.currentRef?.ref === ref);
    if (!conn?.currentRef) {
      if (this.deadRefs.has(ref)) throw new SimError('QR_EXPIRED', 'This QR code has expired or was already used. Scan the code the device shows now.');
      throw new SimError('QR_UNKNOWN', 'No device is showing this QR code. Reload the device page and scan its current code.');
    }
    if (conn.currentRef.qr !== qr) throw new SimError('QR_KEYS_MISMATCH', "The QR code's keys do not match the device that issued this ref.");
    this.refuseIfFull(target, conn);
    return this.link(conn, target, 'qr');
  }

  enterCode(code: string, phone?: Phone | string): DeviceInfo {
    const normalized = code.replace(/[-\s]/g, '').toUpperCase();
    const conn = [...this.connections].find((c) => c.pendingCode?.code === normalized);
    if (!conn?.pendingCode) throw new SimError('CODE_UNKNOWN', 'No device is waiting for this pairing code. Check the code on the device and try again.');
    const requested = conn.pendingCode.number;
    const target = phone === undefined ? this.phones.get(requested) : this.resolvePhone(phone);
    if (!target) throw new SimError('PHONE_UNKNOWN', 'The code was requested for a number the simulator has no phone for; add it with addPhone().');
    if (target.number !== requested) throw new SimError('CODE_WRONG_PHONE', 'This pairing code was requested for another phone number; enter it on that phone.');
    this.refuseIfFull(target, conn);
    return this.link(conn, target, 'code');
  }

  /** Unlink from the phone. Online devices are told (style); offline ones find out at their next login. */
  unlink(deviceId: string, style: UnlinkStyle = 'bridge'): void {
    const record = this.requireDevice(deviceId);
    this.forget(record);
    if (record.conn) {
      record.conn.deviceId = undefined;
      record.conn.send({ type: 'unlink', style });
      this.emit('unlinked', { deviceId, number: record.phone.number, by: 'phone', style });
    } else {
      this.emit('unlinked', { deviceId, number: record.phone.number, by: 'phone', style: 'offline' });
    }
  }

  pushState(deviceId: string, state: WaState): void {
    const record = this.requireDevice(deviceId);
    if (!record.conn) throw new SimError('DEVICE_OFFLINE', 'The device is not connected; a state can only be pushed to a running client.');
    record.state = state;
    record.conn.send({ type: 'state', state });
    this.emit('state', { deviceId, state });
  }

  close(): void {
    this.relay.close();
    for (const conn of this.connections) conn.close();
    this.connections.clear();
  }

  addContact(contact: SimContact, phone?: Phone | string): SimContact {
    const added = this.relay.addContact(this.resolvePhone(phone), contact);
    this.changed();
    return added;
  }

  sendToAccount(input: { from: string; body: string; pushname?: string }, phone?: Phone | string): SimMessage {
    return this.relay.fromContact(this.resolvePhone(phone), input);
  }

  sentByAccount(phone?: Phone | string, contact?: string): SimMessage[] {
    return this.resolvePhone(phone).conversations.sentByAccount(contact);
  }

  contactReads(contact: string, phone?: Phone | string): string[] {
    return this.relay.contactReads(this.resolvePhone(phone), contact);
  }

  chats(phone?: Phone | string): SimChat[] {
    return this.resolvePhone(phone).conversations.chats();
  }

  pageErrors(): PageError[] {
    return this.relay.pageErrors();
  }

  clearPageErrors(): void {
    this.relay.clearPageErrors();
  }

  private handle(conn: PageConnection, message: PageMessage): void {
    switch (message.type) {
      case 'hello':
        conn.keys = message.keys;
        conn.platform = message.platform;
        this.login(conn, message.session);
        return;
      case 'refresh-qr':
      case 'qr-linking':
        conn.pendingCode = undefined;
        if (!conn.deviceId) conn.startRefs();
        return;
      case 'pairing-code-request': {
        conn.stopRefs();
        let code = '';
        for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
        conn.pendingCode = { code, number: message.number };
        conn.send({ type: 'pairing-code', code });
        this.emit('code', { deviceKey: conn.deviceKey, code, number: message.number });
        return;
      }
      case 'synced': {
        const record = conn.deviceId ? this.deviceRecords.get(conn.deviceId) : undefined;
        if (!record) return;
        record.state = 'CONNECTED';
        this.emit('synced', { deviceId: record.deviceId, historyBytes: message.historyBytes });
        return;
      }
      case 'logout': {
        const record = conn.deviceId ? this.deviceRecords.get(conn.deviceId) : undefined;
        if (record) {
          this.forget(record);
          conn.deviceId = undefined;
          this.emit('unlinked', { deviceId: record.deviceId, number: record.phone.number, by: 'device', style: 'logout' });
        }
        conn.send({ type: 'logout-ok', id: message.id });
        return;
      }
      case 'send-msg':
      case 'seen': {
        const record = conn.deviceId ? this.deviceRecords.get(conn.deviceId) : undefined;
        if (!record) return;
        const device = { deviceId: record.deviceId, conn };
        if (message.type === 'send-msg') this.relay.onSend(record.phone, device, message);
        else this.relay.onSeen(record.phone, device, message);
        return;
      }
      case 'page-error':
        this.relay.recordError(conn, message);
        return;
      case 'takeover':
      case 'reconnect': {
        const record = conn.deviceId ? this.deviceRecords.get(conn.deviceId) : undefined;
        if (!record) return;
        if (message.type === 'reconnect') conn.send({ type: 'state', state: 'OPENING' });
        record.state = 'CONNECTED';
        conn.send({ type: 'state', state: 'CONNECTED' });
        this.emit('state', { deviceId: record.deviceId, state: 'CONNECTED' });
        return;
      }
    }
  }

  private login(conn: PageConnection, session: { deviceId: string; secret: string } | undefined): void {
    if (!session) {
      conn.startRefs();
      return;
    }
    const record = this.deviceRecords.get(session.deviceId);
    if (!record || record.secret !== session.secret) {
      conn.send({ type: 'login-rejected' });
      this.emit('login', { deviceId: session.deviceId, accepted: false });
      conn.startRefs();
      return;
    }
    // The same session opened elsewhere: the older page is replaced, as WhatsApp does.
    if (record.conn && record.conn !== conn) {
      record.conn.deviceId = undefined;
      record.conn.send({ type: 'state', state: 'CONFLICT' });
    }
    record.conn = conn;
    record.state = 'OPENING';
    conn.deviceId = record.deviceId;
    conn.send({ type: 'login-ok', wid: record.phone.number, pushname: record.phone.pushname, history: record.phone.conversations.history() });
    this.emit('login', { deviceId: record.deviceId, number: record.phone.number, accepted: true });
  }

  private link(conn: PageConnection, phone: Phone, via: 'qr' | 'code'): DeviceInfo {
    conn.stopRefs();
    conn.pendingCode = undefined;
    const deviceId = `dev-${randomBytes(5).toString('hex')}`;
    const record: DeviceRecord = {
      deviceId, secret: randomBytes(24).toString('base64url'), phone, linkedAt: Date.now(), via, state: 'PAIRING', conn,
    };
    this.deviceRecords.set(deviceId, record);
    phone.addDevice(deviceId);
    conn.deviceId = deviceId;
    conn.send({
      type: 'pair-success', deviceId, secret: record.secret, wid: phone.number, pushname: phone.pushname, history: phone.conversations.history(),
    });
    this.emit('linked', { deviceId, deviceKey: conn.deviceKey, number: phone.number, via });
    return this.devices().find((d) => d.deviceId === deviceId) as DeviceInfo;
  }

  private createPhone(init: PhoneInit): Phone {
    const phone = new Phone(init, this.maxLinkedDevices);
    this.phones.set(init.number, phone);
    return phone;
  }

  private onlineDevices(phone: Phone): OnlineDevice[] {
    return [...this.deviceRecords.values()].flatMap((r) =>
      r.phone === phone && r.conn && r.conn.deviceId === r.deviceId ? [{ deviceId: r.deviceId, conn: r.conn }] : []);
  }

  private refuseIfFull(phone: Phone, conn: PageConnection): void {
    if (!phone.isFull) return;
    this.emit('refused', { reason: 'DEVICE_LIMIT', number: phone.number, deviceKey: conn.deviceKey });
    throw new SimError('DEVICE_LIMIT', `This phone already has ${phone.maxLinkedDevices} linked devices. Log out one of them on the phone (Linked devices) before linking another; the new device keeps showing its QR code.`);
  }

  private forget(record: DeviceRecord): void {
    this.deviceRecords.delete(record.deviceId);
    record.phone.removeDevice(record.deviceId);
  }

  private requireDevice(deviceId: string): DeviceRecord {
    const record = this.deviceRecords.get(deviceId);
    if (!record) throw new SimError('DEVICE_UNKNOWN', 'No linked device has this id (it may already be unlinked).');
    return record;
  }

  private resolvePhone(phone: Phone | string | undefined): Phone {
    if (phone === undefined) return this.defaultPhone;
    const found = this.phones.get(typeof phone === 'string' ? phone : phone.number);
    if (!found) throw new SimError('PHONE_UNKNOWN', 'The simulator has no phone with this number; add it with addPhone().');
    return found;
  }
}
