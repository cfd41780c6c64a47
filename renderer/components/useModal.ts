import { useEffect, useRef, type SyntheticEvent } from 'react';

/**
 * A native <dialog> shown as a modal for as long as the component is mounted. Escape closes it through
 * React state (`dismiss`), so the opener gets focus back, and not at all while a command runs.
 */
export function useModal(pending: boolean, dismiss: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onCancel = (e: SyntheticEvent<HTMLDialogElement>) => {
    e.preventDefault();
    if (!pending) dismiss();
  };
  return { ref, onCancel };
}
