// The app's one window and the guards every web contents gets.
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { tm } from '../i18n';
import type { Logger } from '../log';
import { APP_ENTRY_URL, appWebPreferences, isNavigationAllowed, isPermissionGranted, withContentSecurityPolicy } from './security';

/** Session-wide: permissions refused, CSP forced onto every response the session sees. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
  // app:// responses already carry the CSP (appProtocol.ts); this also covers anything else the
  // session loads, and replaces a looser policy rather than adding to it.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/** Per web contents (windows, and anything else that ever gets created): no navigation, no popups, no webviews. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** `packaged`: the window gets no DevTools (devTools.ts). */
export function createMainWindow(preloadPath: string, log: Logger, { packaged }: { packaged: boolean }): BrowserWindow {
  const webPreferences: WebPreferences = appWebPreferences(preloadPath, { devTools: !packaged });
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    // Until the page sets its own <title>; the product's name in every language.
    title: tm('app.name'),
    backgroundColor: '#ffffff',
    webPreferences,
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    // Only when dist/renderer is missing or broken: the window stays blank, the log says why.
    log.error('could not load the app page', { url: APP_ENTRY_URL, message: err instanceof Error ? err.message : String(err) });
  });
  return win;
}

/** A second launch brings the existing window to the front instead of opening another. */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
