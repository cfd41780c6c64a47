import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateCheck } from '../../preload/contract';
import { selectInfo, useAppStore } from '../stores/appStore';
import { checkForUpdates } from '../stores/updates';
import { updateText, updateTone } from './aboutView';
import { useCommand } from './useCommand';

const TONE_CLASS = { ok: 'result-done', info: 'result-ok', neutral: undefined, error: 'result-error' } as const;

/** "Check for updates" in the About area, and what the update server said. */
export function UpdateCheckButton() {
  const { t } = useTranslation('app');
  const host = useAppStore(selectInfo)?.host;
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
          {pending ? t('update.checking') : t('update.check')}
        </button>
      </div>
      <p className={TONE_CLASS[tone]} role="status">
        {answer ? updateText(answer, host) : ''}
      </p>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
