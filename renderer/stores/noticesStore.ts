// The "attention" area: accounts that dropped (accounts.attention, bound in bindings.ts). Main has no
// list of them to mirror: a notice lives here until the user dismisses it. One notice per account:
// a newer one replaces the older.
import { create } from 'zustand';
import type { EventPayload } from '../../preload/contract';

export type AttentionNotice = EventPayload<'accounts.attention'> & {
  /** Unique per notice, so a replacement is announced again. */
  key: number;
  at: number;
};

/** The oldest notices go once there are more than this (each names one account). */
const MAX_NOTICES = 6;

export interface NoticesState {
  notices: AttentionNotice[];
  push(notice: EventPayload<'accounts.attention'>): void;
  dismiss(key: number): void;
}

let nextKey = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  push: (notice) =>
    set((s) => ({
      notices: [...s.notices.filter((n) => n.id !== notice.id), { ...notice, key: nextKey++, at: Date.now() }].slice(-MAX_NOTICES),
    })),
  dismiss: (key) => set((s) => ({ notices: s.notices.filter((n) => n.key !== key) })),
}));

export const selectNotices = (s: NoticesState) => s.notices;
export const selectDismissNotice = (s: NoticesState) => s.dismiss;
