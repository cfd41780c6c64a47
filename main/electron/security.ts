// The Electron shell's security decisions as plain data and pure functions. This file must not import
// 'electron': Vitest checks these rules on machines where no Electron binary exists, and window.ts
// type-checks the objects against electron.d.ts where they are used.

/**
 * The renderer is served from a custom scheme rather than file://. Why:
 * - a page on file:// may read any other file:// URL, and file:// responses carry no headers, so the
 *   CSP could only come from a <meta> tag; app:// responses are ours and carry the CSP header;
 * - `app://bundle` is a real, stable origin: the IPC sender check and the navigation guard compare
 *   against it, which is exact, where "starts with file://" would trust every local file
 *   (Electron security checklist, "Avoid usage of the file:// protocol").
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: `standard` gives the scheme an origin (so
 * 'self' and relative URLs work), `secure` makes it a secure context, `supportFetchAPI` and
 * `corsEnabled` let Vite's `<script type="module" crossorigin>` load. No `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
} as const;

/**
 * Everything from the app's own origin, nothing inline, no eval. `img-src data:` is for QR codes
 * rendered to data URLs. React sets styles through the CSSOM (element.style), which style-src does not
 * restrict, so no 'unsafe-inline' is needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'none'",
].join('; ');

/**
 * webPreferences for every window: Element's rule, sandbox on everywhere. A packaged app passes
 * `{ devTools: false }`: its windows cannot open DevTools at all (devTools.ts explains why).
 */
export function appWebPreferences(preloadPath: string, { devTools = true }: { devTools?: boolean } = {}) {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/**
 * Renderer-initiated navigation is refused outright: the app is one page that routes in-page
 * (hash changes do not fire will-navigate), so any real navigation is a link or a script we did not mean.
 */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/** Camera, microphone, notifications, geolocation, clipboard...: the UI needs none of them. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * Headers with our CSP added, for session.webRequest.onHeadersReceived. Replaces any CSP a response
 * already carries (header names are case-insensitive), so no response can loosen the policy.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[] | string> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
