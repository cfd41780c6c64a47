// Account timelines (accounts.timeline): loaded when a details view opens and again while it stays
// open and the account changes state. Kept newest first, as the details view shows them.
import { create } from 'zustand';
import type { ApiError, TimelineEntry } from '../../preload/contract';
import { call } from './api';

export interface TimelineView {
  status: 'loading' | 'loaded' | 'failed';
  entries: TimelineEntry[];
  error: ApiError | null;
}

export interface TimelineState {
  byAccount: Record<string, TimelineView>;
  load(id: string): Promise<void>;
  forget(id: string): void;
}

const EMPTY: TimelineView = { status: 'loading', entries: [], error: null };

export const useTimelineStore = create<TimelineState>()((set, get) => ({
  byAccount: {},

  load: async (id) => {
    const before = get().byAccount[id] ?? EMPTY;
    // Keep showing the rows we have while a refresh runs.
    set((s) => ({ byAccount: { ...s.byAccount, [id]: { ...before, status: before.entries.length ? before.status : 'loading' } } }));
    const result = await call('accounts.timeline', { id });
    set((s) => ({
      byAccount: {
        ...s.byAccount,
        [id]: result.ok
          ? { status: 'loaded', entries: result.value.slice().reverse(), error: null }
          : { ...(s.byAccount[id] ?? EMPTY), status: 'failed', error: result.error },
      },
    }));
  },

  forget: (id) =>
    set((s) => {
      const next = { ...s.byAccount };
      delete next[id];
      return { byAccount: next };
    }),
}));

export const selectTimeline = (id: string) => (s: TimelineState) => s.byAccount[id] ?? EMPTY;
export const selectLoadTimeline = (s: TimelineState) => s.load;
export const selectForgetTimeline = (s: TimelineState) => s.forget;
