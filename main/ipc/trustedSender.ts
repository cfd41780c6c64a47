// Who may call into main over Electron IPC. Kept free of 'electron' so Vitest can prove the rule
// without an Electron binary; main/electron/ipcTransport.ts feeds it the real frames.
//
// The rule (Fiddle's and VS Code's): only the main frame of the app's own window, showing the app's
// own page, may invoke commands. A subframe (an injected iframe), another window, a page the window
// was somehow navigated to, or a frame that is already gone are all refused.
import type { Result } from '../../preload/contract';

/** The parts of Electron's WebFrameMain that the decision needs. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

export interface SenderCheck {
  /** `event.senderFrame`: null once the frame navigated away or was destroyed. */
  senderFrame: FrameLike | null | undefined;
  /** `win.webContents.mainFrame` of the app's own window; null when there is no window. */
  mainFrame: FrameLike | null | undefined;
  /** The app's own origin, e.g. `app://bundle` (scheme and host, no trailing slash). */
  appOrigin: string;
}

/** True when `url` is a page of the app itself: same scheme and host, no credentials. */
export function isAppPageUrl(url: string, appOrigin: string): boolean {
  let parsed: URL;
  let origin: URL;
  try {
    parsed = new URL(url);
    origin = new URL(appOrigin);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as app://, so compare the parts instead.
  return (
    parsed.protocol === origin.protocol &&
    parsed.host === origin.host &&
    parsed.host !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  // Electron hands out one WebFrameMain object per frame, but compare the ids too so the rule holds
  // even if a future version returns a fresh wrapper for the same frame.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

export function isTrustedSender({ senderFrame, mainFrame, appOrigin }: SenderCheck): boolean {
  if (!senderFrame || !mainFrame) return false;
  if (!sameFrame(senderFrame, mainFrame)) return false;
  return isAppPageUrl(senderFrame.url, appOrigin);
}

/** The answer an untrusted caller gets: a normal error result, never a thrown error. */
export function unauthorizedResult(): Result<never> {
  return {
    ok: false,
    error: { code: 'UNAUTHORIZED', message: 'Only the app’s own window may call this.' },
  };
}
