import type { AccountUse } from '../../preload/contract';
import type { EventHub } from '../ipc/EventHub';

/**
 * Keeps the dock / taskbar badge at the unread total of every account (accounts.activity; main counts
 * only Ready accounts, the others send 0). Electron-free, so it is tested without a binary; main.ts
 * passes app.setBadgeCount. The badge is set only when the total changes.
 */
export function forwardUnreadBadge(events: EventHub, setBadge: (count: number) => void): () => void {
  let shown = 0;
  return events.subscribe((name, payload) => {
    if (name !== 'accounts.activity') return;
    const total = (payload as AccountUse[]).reduce((sum, u) => sum + u.unread, 0);
    if (total === shown) return;
    shown = total;
    setBadge(total);
  });
}
