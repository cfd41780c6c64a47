// Says plainly when the renderer cannot reach main, and what to do about it.
import { useTranslation } from 'react-i18next';
import { selectConnection, useAppStore, type ConnectionProblem } from '../stores/appStore';

/** Each problem's catalog entry (app:connection.<key>.title and .fix); a Record, so a new problem fails the type check. */
const EXPLAIN: Record<ConnectionProblem, 'neverConnected' | 'unauthorized' | 'restarted' | 'lost'> = {
  'never-connected': 'neverConnected',
  unauthorized: 'unauthorized',
  restarted: 'restarted',
  lost: 'lost',
};

export function ConnectionBanner() {
  const { t } = useTranslation('app');
  const connection = useAppStore(selectConnection);
  if (connection.state !== 'failed') return null;
  const key = EXPLAIN[connection.problem];
  return (
    <div className="banner" role="alert">
      <div className="banner-text">
        <p className="banner-title">{t(`connection.${key}.title`)}</p>
        <p>{t(`connection.${key}.fix`)}</p>
      </div>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('connection.reload')}
      </button>
    </div>
  );
}
