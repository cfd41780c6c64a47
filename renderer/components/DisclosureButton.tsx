// A link-styled button that opens and closes the region it controls, its triangle pointing the way
// (decoration: aria-expanded is what assistive technology reads).
import type { ReactNode } from 'react';

/** Drawings, not words (hidden from assistive technology). */
const TRIANGLE = { open: '▾', closed: '▸' };

export interface DisclosureButtonProps {
  open: boolean;
  /** The id of the region it opens. */
  controls: string;
  onToggle(): void;
  children: ReactNode;
}

export function DisclosureButton({ open, controls, onToggle, children }: DisclosureButtonProps) {
  return (
    <button type="button" className="button link-button" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span className="disclosure-icon" aria-hidden="true">
        {open ? TRIANGLE.open : TRIANGLE.closed}
      </span>
      {children}
    </button>
  );
}
