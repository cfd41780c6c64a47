// What the About area lists under "Versions". Electron and Chromium are always named: the desktop app
// reports the ones it runs on (which decide which security fixes it has); in browser mode there are none
// of the app's own, and the list says so rather than leaving them out.
import type { AppInfo } from '../../preload/contract';

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
