// Which account the detail pane shows. Only the renderer knows it (each window chooses its own), so it
// is not a mirror of main like the other stores. An id that is no longer in the list (removed, or not
// loaded yet) falls back to the first account: the pane never stays empty while accounts exist.
import { create } from 'zustand';
import type { Account } from '../../preload/contract';

export interface SelectionState {
  selectedId: string | null;
  select(id: string): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selectedId: null,
  select: (id) => set({ selectedId: id }),
}));

export const selectSelectedId = (s: SelectionState) => s.selectedId;
export const selectSelect = (s: SelectionState) => s.select;

/** The account the detail pane shows. */
export function selectedAccount(accounts: readonly Account[], selectedId: string | null): Account | null {
  return accounts.find((a) => a.id === selectedId) ?? accounts[0] ?? null;
}

/**
 * Shows an account in the detail pane and moves focus to its title (a notice's "Show account", a
 * finished restore). The pane renders on the next frames, and a restored account may reach the store a
 * little after the dialog closes: try for a few frames, then fall back.
 */
export function showAccount(id: string, titleId: string, fallback?: HTMLElement | null): void {
  useSelectionStore.getState().select(id);
  let frames = 30;
  const attempt = () => {
    const title = document.getElementById(titleId);
    if (title) {
      title.scrollIntoView({ block: 'nearest' });
      title.focus();
    } else if (--frames > 0) requestAnimationFrame(attempt);
    else fallback?.focus();
  };
  requestAnimationFrame(attempt);
}
