// "Open WhatsApp" on a Ready account. With a display, the account's browser comes up as a window of its
// own and this offers "Close window"; without one, the card shows a live, read-only picture of what the
// account's WhatsApp Web shows, taken again every few seconds while it is open.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { isEnglish } from '../i18n';
import { closeWindow, openWindow, picture, type Picture } from '../stores/accountWindows';
import { errorText } from './errors';
import { FieldError } from './fieldParts';
import { useCommand } from './useCommand';

/** How often the picture is taken again: often enough to follow a conversation, rare enough for a server. */
export const PICTURE_EVERY_MS = 3_000;

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function OpenWhatsApp({ account }: { account: Account }) {
  const { t } = useTranslation('session');
  const { run, pending, error } = useCommand();
  // Why a picture is shown instead of a window (main's words), while it is shown.
  const [pictureWhy, setPictureWhy] = useState<string | null>(null);
  const state = account.session;
  if (state.kind !== 'ready') return null;
  const inWindow = state.display === 'window';
  const label = <span className="visually-hidden"> {account.label}</span>;
  return (
    <section className="card-open" aria-label={t('open.region', { label: account.label })}>
      <div className="actions">
        {inWindow ? (
          <button type="button" className="button small" aria-disabled={pending || undefined} onClick={() => void run(() => closeWindow(account.id))}>
            {pending ? t('open.closing') : t('open.close')}
            {label}
          </button>
        ) : pictureWhy !== null ? (
          <button type="button" className="button small" onClick={() => setPictureWhy(null)}>
            {t('open.hide')}
            {label}
          </button>
        ) : (
          <button
            type="button"
            className="button small"
            aria-disabled={pending || undefined}
            onClick={() => void run(async () => {
              const r = await openWindow(account.id);
              if (r.ok && r.value.shownAs === 'picture') setPictureWhy(r.value.why ?? '');
              return r;
            })}
          >
            {pending ? t('open.opening') : t('open.open')}
            {label}
          </button>
        )}
      </div>
      <FieldError message={error} />
      {inWindow ? <p className="panel-line muted">{t('open.inWindow')}</p> : null}
      {!inWindow && pictureWhy !== null ? <LivePicture account={account} why={pictureWhy} /> : null}
    </section>
  );
}

function LivePicture({ account, why }: { account: Account; why: string }) {
  const { t } = useTranslation('session');
  const [shot, setShot] = useState<Picture | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Main says in English why there is no window; another language says it in the catalog's words.
  const whyText = isEnglish() ? why : t('picture.why');
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: the next is asked for once the last has come back.
    const take = async () => {
      const r = await picture(account.id);
      if (!alive) return;
      if (r.ok) {
        setShot(r.value);
        setFailed(null);
      } else {
        setFailed(errorText(r.error));
      }
      timer = setTimeout(() => void take(), PICTURE_EVERY_MS);
    };
    void take();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [account.id]);
  return (
    <figure className="live-picture">
      {shot ? <img src={shot.image} alt={t('picture.alt', { label: account.label })} data-testid="live-picture" /> : <p className="panel-line muted">{t('picture.taking')}</p>}
      <figcaption className="muted">
        {why ? `${whyText} ` : ''}
        {t('picture.readOnly', { seconds: PICTURE_EVERY_MS / 1000 })}
        {shot ? <span data-testid="picture-time"> {t('picture.takenAt', { time: clock.format(shot.takenAt) })}</span> : null}
      </figcaption>
      <FieldError message={failed} />
    </figure>
  );
}
