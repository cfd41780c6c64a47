// "Open WhatsApp" on a Ready account. With a display, its browser restarts as a visible window on the
// same profile (AccountSession, the machine's open-window rows); where nobody could see a window (the
// web host on a server) or no full browser is installed, the card shows a picture of the page instead.
import { AppError } from '../errors';
import type { BrowserFinder } from '../browser/findBrowser';
import { hasDisplay } from '../browser/display';
import type { AccountSession } from './AccountSession';

export interface AccountWindowsDeps {
  session: (id: string) => AccountSession;
  findBrowser: BrowserFinder;
  /** Default: this computer's display (main/browser/display.ts). */
  hasDisplay?: () => boolean;
  now?: () => number;
}

export type Opened = { shownAs: 'window' } | { shownAs: 'picture'; why: string };

export class AccountWindows {
  constructor(private readonly deps: AccountWindowsDeps) {}

  /** Opens the account's window, or says why the card shows its picture instead. */
  async open(id: string): Promise<Opened> {
    const session = this.deps.session(id);
    if (session.state.kind !== 'ready') throw notReady();
    const why = this.noWindow();
    if (why) return { shownAs: 'picture', why };
    await session.openWindow();
    return { shownAs: 'window' };
  }

  async close(id: string): Promise<void> {
    await this.deps.session(id).closeWindow();
  }

  /** A PNG of what the account's page shows now, as a data URL (the bytes are the person's chats: never logged). */
  async picture(id: string): Promise<{ image: string; takenAt: number }> {
    const png = await this.deps.session(id).picture().catch(() => undefined);
    if (!png) throw notReady();
    return { image: `data:image/png;base64,${Buffer.from(png).toString('base64')}`, takenAt: (this.deps.now ?? Date.now)() };
  }

  private noWindow(): string | null {
    if (!(this.deps.hasDisplay ?? hasDisplay)()) return 'The app runs on a computer without a display, so this is a live picture of the account’s WhatsApp Web instead of a window.';
    if (!this.deps.findBrowser('full')) return 'A window needs Chrome or Chromium (only a headless browser was found), so this is a live picture of the account’s WhatsApp Web instead.';
    return null;
  }
}

function notReady(): AppError {
  return new AppError('NOT_READY', 'This account is not connected to WhatsApp right now. Wait until it shows Ready.');
}
