// The account's state at a glance: a glyph, words and a colour (the words alone say it all).
import type { SessionState } from '../../preload/contract';
import { chipFor } from './sessionView';

export function StateChip({ state, now }: { state: SessionState; now: number }) {
  const chip = chipFor(state, now);
  return (
    <p className={`chip chip-${chip.tone}`}>
      <span className="chip-icon" aria-hidden="true">
        {chip.icon}
      </span>
      <span className="chip-text">{chip.text}</span>
    </p>
  );
}
