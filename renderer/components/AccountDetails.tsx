// "Details and history": a disclosure at the foot of a card with the account's facts, its proxy, and its timeline
// (every state change with time and reason, newest first). Loaded when opened, and again while open
// whenever the account moves to another state.
import { useEffect, useId, useState } from 'react';
import type { Account } from '../../preload/contract';
import { selectLoadTimeline, selectTimeline, useTimelineStore } from '../stores/timelineStore';
import { AccountProxy } from './AccountProxy';
import { DisclosureButton } from './DisclosureButton';
import { errorText } from './errors';
import { FieldError } from './fieldParts';
import { timelineStateText } from './sessionView';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AccountDetails({ account }: { account: Account }) {
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
        Details and history<span className="visually-hidden"> of {account.label}</span>
      </DisclosureButton>
      <div id={regionId} className="details-body" hidden={!open} role="region" aria-labelledby={headingId}>
        <h4 id={headingId} className="visually-hidden">
          Details and history of {account.label}
        </h4>
        {open ? (
          <>
            <dl className="facts">
              <dt>Linked to a phone</dt>
              <dd>{account.linked ? 'Yes' : 'No'}</dd>
              <dt>Starts with the app</dt>
              <dd>{account.temporary ? 'No: temporary, it ends when the app quits' : account.running ? 'Yes' : 'No'}</dd>
              <dt>Account id</dt>
              <dd>
                <code>{account.id}</code>
              </dd>
            </dl>
            <AccountProxy account={account} />
            <FieldError message={timeline.status === 'failed' && timeline.error ? `The history could not be loaded: ${errorText(timeline.error)}` : null} />
            {timeline.status === 'loading' && timeline.entries.length === 0 ? <p className="muted">Loading the history…</p> : null}
            {timeline.entries.length > 0 ? (
              // It scrolls: focusable, so it can be scrolled from the keyboard too.
              <div className="timeline-scroll" tabIndex={0}>
                {/* A list, not a table: it stays readable in a narrow card. */}
                <ol className="timeline" aria-label={`History of ${account.label}, newest first`}>
                  {timeline.entries.map((e, i) => (
                    <li key={`${e.at}-${i}`} className="timeline-entry">
                      <p className="timeline-head">
                        <span className="timeline-state">{timelineStateText(e.state)}</span>
                        <time className="timeline-time" dateTime={new Date(e.at).toISOString()}>
                          {when.format(e.at)}
                        </time>
                      </p>
                      <p className="timeline-reason">{e.reason}</p>
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
