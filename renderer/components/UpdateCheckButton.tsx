import { useState } from 'react';
import type { UpdateCheck } from '../../preload/contract';
import { checkForUpdates } from '../stores/updates';
import { updateTone } from './aboutView';
import { useCommand } from './useCommand';

const TONE_CLASS = { ok: 'result-done', info: 'result-ok', neutral: undefined, error: 'result-error' } as const;

/** "Check for updates" in the About area, and what the update server said. */
export function UpdateCheckButton() {
  const { run, pending, error } = useCommand();
  const [answer, setAnswer] = useState<UpdateCheck | null>(null);
  const check = async () => {
    setAnswer(null);
    const r = await run(checkForUpdates);
    if (r?.ok) setAnswer(r.value);
  };
  const tone = answer ? updateTone(answer) : 'neutral';
  return (
    <div className="update-check">
      <div className="actions">
        <button type="button" className="button" onClick={() => void check()} disabled={pending} aria-busy={pending}>
          {pending ? 'Checking for updates…' : 'Check for updates'}
        </button>
      </div>
      <p className={TONE_CLASS[tone]} role="status">
        {answer?.message ?? ''}
      </p>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
