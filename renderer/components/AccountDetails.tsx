// "Details and history": a disclosure at the foot of a card with the account's facts, its proxy, and its timeline
// (every state change with time and reason, newest first). Loaded when opened, and again while open
// whenever the account moves to another state.
import { useEffect, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { isEnglish } from '../i18n';
import { selectLoadTimeline, selectTimeline, useTimelineStore } from '../stores/timelineStore';
import { AccountProxy } from './AccountProxy';
import { dateFormat } from './backupView';
import { DisclosureButton } from './DisclosureButton';
import { errorText } from './errors';
import { FieldError, HIDDEN } from './fieldParts';
import { timelineStateText } from './sessionView';

/** Each entry's date and time, to the second. */
const ENTRY_TIME = { dateStyle: 'medium', timeStyle: 'medium' } as const;

export function AccountDetails({ account }: { account: Account }) {
  const { t } = useTranslation('accounts');
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const headingId = useId();
  const load = useTimelineStore(selectLoadTimeline);
  const timeline = useTimelineStore(selectTimeline(account.id));
  const kind = account.session.kind;

  useEffect(() => {
    if (open) void load(account.id);
  }, [open, kind, account.running, account.id, load]);

  return (
    <div className="details">
      <DisclosureButton open={open} controls={regionId} onToggle={() => setOpen(!open)}>
        <Trans t={t} i18nKey="details.toggle" values={{ label: account.label }} components={HIDDEN} />
      </DisclosureButton>
      <div id={regionId} className="details-body" hidden={!open} role="region" aria-labelledby={headingId}>
        <h4 id={headingId} className="visually-hidden">
          {t('details.heading', { label: account.label })}
        </h4>
        {open ? (
          <>
            <dl className="facts">
              <dt>{t('details.linked')}</dt>
              <dd>{account.linked ? t('details.yes') : t('details.no')}</dd>
              <dt>{t('details.startsWithApp')}</dt>
              <dd>{account.temporary ? t('details.temporary') : account.running ? t('details.yes') : t('details.no')}</dd>
              <dt>{t('details.accountId')}</dt>
              <dd>
                <code>{account.id}</code>
              </dd>
            </dl>
            <AccountProxy account={account} />
            <FieldError message={timeline.status === 'failed' && timeline.error ? t('details.historyFailed', { error: errorText(timeline.error) }) : null} />
            {timeline.status === 'loading' && timeline.entries.length === 0 ? <p className="muted">{t('details.loading')}</p> : null}
            {timeline.entries.length > 0 ? (
              // It scrolls: focusable, so it can be scrolled from the keyboard too.
              <div className="timeline-scroll" tabIndex={0}>
                {/* A list, not a table: it stays readable in a narrow card. */}
                <ol className="timeline" aria-label={t('details.history', { label: account.label })}>
                  {timeline.entries.map((e, i) => (
                    <li key={`${e.at}-${i}`} className="timeline-entry">
                      <p className="timeline-head">
                        <span className="timeline-state">{timelineStateText(e.state)}</span>
                        <time className="timeline-time" dateTime={new Date(e.at).toISOString()}>
                          {dateFormat(ENTRY_TIME).format(e.at)}
                        </time>
                      </p>
                      {/* Main writes the reason in English, with no code beside it: other languages show the state and time only. */}
                      {isEnglish() ? <p className="timeline-reason">{e.reason}</p> : null}
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
