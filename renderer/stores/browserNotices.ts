// The new-message notification in browser mode: Electron's main shows it as an OS notification
// (main/electron/attentionNotices.ts), a browser tab shows it through the page's Notification API once
// the person allowed it (asked when they turn a switch on). Only the title, which names the account.
import type { EventPayload } from '../../preload/contract';
import { isEnglish, t } from '../i18n';
import { useAppStore } from './appStore';

function browserMode(): boolean {
  return useAppStore.getState().info?.host === 'web' && typeof Notification !== 'undefined';
}

/** Called when a switch is turned on: the browser asks the person once. */
export function askNotificationPermission(): void {
  if (browserMode() && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}

export function showMessageNotice(notice: EventPayload<'accounts.message'>): void {
  if (!browserMode() || Notification.permission !== 'granted') return;
  // Main words the title in English; other languages name the account in their own words.
  const title = isEnglish() ? notice.title : t('app:browserNotice.message', { label: notice.label });
  new Notification(title, { tag: `message-${notice.id}` });
}
