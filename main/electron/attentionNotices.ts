import type { EventHub } from '../ipc/EventHub';

export interface Notice {
  title: string;
  body: string;
  /** Clicking it brings the app's window to the front. */
  onClick: () => void;
}

/**
 * Turns the engine's `accounts.attention` events into OS notifications (docs/user-needs.md, "A dropped account goes unnoticed": a logged-out
 * account must not go unnoticed). Electron-free, so it is tested without a binary; main.ts passes the
 * function that shows an Electron Notification.
 */
export function forwardAttention(events: EventHub, show: (notice: Notice) => void, focus: () => void): () => void {
  return events.subscribe((name, payload) => {
    // accounts.message: a new message on an account whose notification is on (its title names the account only).
    if (name !== 'accounts.attention' && name !== 'accounts.message') return;
    const { title, body } = payload as { title: string; body: string };
    show({ title, body, onClick: focus });
  });
}
