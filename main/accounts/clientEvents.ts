// A whatsapp-web.js client's events as the session machine's events (AccountSession feeds them in,
// tagged with the client's generation), and the message events it passes on as they come.
import QRCode from 'qrcode';
import type { Logger } from '../log';
import type { SessionEvent } from './sessionEvents';
import { disarmLogoutReinit, errText, ignorePipeErrors, signedInAs, type Client } from './wwebjsClient';

/** whatsapp-web.js's message events Messaging.ts follows; their arguments pass as the library gives them. */
export const WA_EVENTS = ['message', 'message_create', 'message_ack', 'unread_count'] as const;
export type WaEventName = (typeof WA_EVENTS)[number];

export interface ClientListener {
  send: (e: SessionEvent) => void;
  relay: (name: WaEventName, args: unknown[]) => void;
  log: Logger;
}

/** The client's events, from its creation on. */
export function listenToClient(client: Client, { send, relay, log }: ClientListener): void {
  const on = (name: string, toEvent: (arg: unknown) => SessionEvent) => client.on(name, (arg: unknown) => send(toEvent(arg)));
  client.on('qr', (qr: string) => {
    // The payload is shown on screen only, never logged.
    QRCode.toDataURL(qr, { margin: 1, width: 288, errorCorrectionLevel: 'M' }).then(
      (qrImage) => send({ type: 'qr', qr, qrImage }),
      (err: unknown) => log.warn('could not draw the QR code', { error: errText(err) }),
    );
  });
  on('code', (code) => ({ type: 'code', code: String(code) }));
  on('loading_screen', (percent) => ({ type: 'loading', percent: Number(percent) }));
  on('authenticated', () => ({ type: 'authenticated' }));
  on('ready', () => ({ type: 'ready', ...signedInAs(client) }));
  on('change_state', (state) => ({ type: 'change-state', state: String(state) }));
  on('auth_failure', () => ({ type: 'auth-failure' }));
  for (const name of WA_EVENTS) client.on(name, (...args: unknown[]) => relay(name, args));
  // Disarmed at once, not through the effect queue: the library re-injects right after emitting
  // (docs/whatsapp-web.js.md, "Phone unlink re-injects into the same browser"). Whatever the machine
  // then decides, this client is closed next.
  client.on('disconnected', (reason: unknown) => {
    disarmLogoutReinit(client);
    send({ type: 'disconnected', reason: String(reason) });
  });
}

/** The browser's and the page's ends, once `initialize` has made them. */
export function listenToBrowser(client: Client, send: (e: SessionEvent) => void): void {
  ignorePipeErrors(client);
  client.pupBrowser?.on('disconnected', () => send({ type: 'browser-exited' }));
  // A visible window closed by the person: on Linux and Windows the browser exits as well, on macOS
  // it stays on without a window, so the page is what tells.
  client.pupPage?.on('close', () => send({ type: 'page-closed' }));
}
