import type { Account, LogoutReason, SessionFailureCode, SessionState } from '../../preload/contract';
import type { EventHub } from '../ipc/EventHub';
import { mainIsEnglish, tm, type DesktopKey } from '../i18n';

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
 *
 * The engine writes those events in English. In English they are shown as they are; in another
 * language the notice is worded from the account's state instead (its failure code, its logout
 * reason), which accounts.changed announced just before: the engine emits the new state, then the
 * attention, both synchronously (main/accounts/AccountSession.ts), so the state seen here is the one
 * the attention is about.
 */
export function forwardAttention(events: EventHub, show: (notice: Notice) => void, focus: () => void): () => void {
  const states = new Map<string, SessionState>();
  return events.subscribe((name, payload) => {
    if (name === 'accounts.changed') {
      states.clear();
      for (const account of payload as Account[]) states.set(account.id, account.session);
      return;
    }
    // accounts.message: a new message on an account whose notification is on (its title names the account
    // only, already in the setting's language: main/accountActivity.ts).
    if (name !== 'accounts.attention' && name !== 'accounts.message') return;
    const notice = payload as { id: string; label: string; title: string; body: string };
    const words = name === 'accounts.attention' && !mainIsEnglish() ? attentionWords(notice.label, states.get(notice.id)) : notice;
    show({ title: words.title, body: words.body, onClick: focus });
  });
}

/** The attention notice for an account in its state, from main's catalogs; a generic sentence for a state it does not expect. */
export function attentionWords(label: string, state: SessionState | undefined): { title: string; body: string } {
  const title = (what: DesktopKey) => tm('notice.title', { label, what: tm(what) });
  switch (state?.kind) {
    case 'logged-out': {
      const reason: DesktopKey = `notice.logout.${state.reason satisfies LogoutReason}`;
      return { title: title(state.reason === 'unlinked-from-phone' ? 'notice.loggedOutPhone' : 'notice.loggedOut'), body: tm(reason) };
    }
    case 'qr-paused':
      return { title: title('notice.linkingPaused'), body: tm('notice.qrPaused', { count: state.shown }) };
    case 'failed': {
      // A template type: a failure code without its sentence in the English catalog fails the type check.
      const failure: DesktopKey = `notice.failure.${state.code satisfies SessionFailureCode}`;
      return { title: title('notice.needsAttention'), body: tm(failure) };
    }
    default:
      return { title: title('notice.needsAttention'), body: tm('notice.generic') };
  }
}
