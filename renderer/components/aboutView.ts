// What the About area lists under "Versions". Electron and Chromium are always named: the desktop app
// reports the ones it runs on (which decide which security fixes it has); in browser mode there are none
// of the app's own, and the list says so rather than leaving them out.
import type { AppInfo, UpdateCheck } from '../../preload/contract';
import { isEnglish, t } from '../i18n';

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
    { name: 'Electron', value: versions.electron ?? (browserMode ? t('app:about.noElectron') : t('app:about.unknown')) },
    { name: 'Chromium', value: versions.chrome ?? (browserMode ? t('app:about.noChromium') : t('app:about.unknown')) },
  ];
}

/**
 * What the About area says of a build that is not code-signed (the OS warns before it opens it, and on
 * macOS it cannot install updates), or null for a signed one and for browser mode.
 */
export function signingNotice(info: AppInfo): string | null {
  switch (info.codeSigning) {
    case 'unsigned':
      return t('app:about.unsigned');
    case 'development':
      return t('app:about.development');
    default:
      return null;
  }
}

/** How an update check's answer is shown: up to date, a new version, nothing to check against, or a problem. */
export function updateTone(check: UpdateCheck): 'ok' | 'info' | 'neutral' | 'error' {
  const tones = { 'up-to-date': 'ok', available: 'info', 'not-configured': 'neutral', failed: 'error' } as const;
  return tones[check.state];
}

/** "WA Accounts · version 0.1.0 · desktop app". */
export function aboutLine(info: AppInfo): string {
  return t('app:about.line', { name: info.name, version: info.version, host: info.host === 'web' ? t('app:about.browserMode') : t('app:about.desktopApp') });
}

/**
 * What the update server said. Main words it in English; another language says it from the answer's
 * state and version (main's reason for a failure, written for English readers, is left out).
 */
export function updateText(check: UpdateCheck, host: AppInfo['host'] | undefined): string {
  if (isEnglish()) return check.message;
  switch (check.state) {
    case 'up-to-date':
      return t('app:update.upToDate', { version: check.version ?? '' });
    case 'available':
      return t('app:update.available', { version: check.version ?? '' });
    case 'not-configured':
      return host === 'web' ? t('app:update.notConfiguredWeb') : t('app:update.notConfigured');
    case 'failed':
      return t('app:update.failed');
  }
}
