// What the About area lists under "Versions". Electron and Chromium are always named: the desktop app
// reports the ones it runs on (which decide which security fixes it has); in browser mode there are none
// of the app's own, and the list says so rather than leaving them out.
import type { AppInfo, UpdateCheck } from '../../preload/contract';

export interface VersionRow {
  name: string;
  value: string;
}

export function versionRows(info: AppInfo): VersionRow[] {
  const { versions } = info;
  const browserMode = info.host === 'web';
  return [
    { name: 'whatsapp-web.js', value: versions.whatsappWebJs },
    { name: 'Node.js', value: versions.node },
    { name: 'Electron', value: versions.electron ?? (browserMode ? 'none: browser mode does not use Electron' : 'unknown') },
    { name: 'Chromium', value: versions.chrome ?? (browserMode ? 'none of its own: this page runs in your browser' : 'unknown') },
  ];
}

/**
 * What the About area says of a build that is not code-signed (the OS warns before it opens it, and on
 * macOS it cannot install updates), or null for a signed one and for browser mode.
 */
export function signingNotice(info: AppInfo): string | null {
  switch (info.codeSigning) {
    case 'unsigned':
      return 'This build is not code-signed: your system may warn that it comes from an unidentified developer, and it may not be able to install updates by itself.';
    case 'development':
      return 'Development build: not code-signed, and it does not update itself.';
    default:
      return null;
  }
}

/** How an update check's answer is shown: up to date, a new version, nothing to check against, or a problem. */
export function updateTone(check: UpdateCheck): 'ok' | 'info' | 'neutral' | 'error' {
  const tones = { 'up-to-date': 'ok', available: 'info', 'not-configured': 'neutral', failed: 'error' } as const;
  return tones[check.state];
}
