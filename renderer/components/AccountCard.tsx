// One account: its name and state chip, the card's own controls (Rename, Remove, Stop/Start, Log out),
// then the session panel (QR, pairing code, progress, what needs attention), its messages (unread
// count, last activity, the notification switch), Open WhatsApp (a window, or a live picture), the
// account's backup and the details disclosure.
// The controls come before the panel so a keyboard user meets them in the same place in every state.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { selectConnection, useAppStore } from '../stores/appStore';
import { AccountBackup } from './AccountBackup';
import { AccountDetails } from './AccountDetails';
import { AccountMessages } from './AccountMessages';
import { dateFormat } from './backupView';
import { FieldError, HIDDEN } from './fieldParts';
import { LogoutDialog } from './LogoutDialog';
import { OpenWhatsApp } from './OpenWhatsApp';
import { PhoneLinkSection } from './PhoneLinkSection';
import { RemoveDialog } from './RemoveDialog';
import { RenameForm } from './RenameForm';
import { SessionPanel } from './SessionPanel';
import { StateChip } from './StateChip';
import { chipFor } from './sessionView';
import { useCommand } from './useCommand';
import { useNow } from './useNow';

export interface AccountCardProps {
  account: Account;
  /** After this account was removed: its card is about to vanish, so focus must go elsewhere. */
  onRemoved(): void;
}

/** The id of a card's heading, so a notice can take the user to the account it is about. */
export function accountHeadingId(id: string): string {
  return `account-${id}-title`;
}

/** When it was added, and whether it is temporary (nothing of it is kept once it stops). */
function cardMeta(account: Account, t: TFunction<'accounts'>): string {
  const date = dateFormat({ dateStyle: 'medium' }).format(account.createdAt);
  return account.temporary ? t('card.addedTemporary', { date }) : t('card.added', { date });
}

/** States where a browser runs (or is about to): Stop ends it and keeps the session. */
const STOPPABLE = new Set(['starting', 'qr', 'pairing-code', 'syncing', 'ready', 'reconnecting']);

type Mode = 'view' | 'rename' | 'confirm-remove' | 'confirm-logout';
type FocusTarget = 'rename' | 'remove' | 'logout' | 'panel';

export function AccountCard({ account, onRemoved }: AccountCardProps) {
  const { t } = useTranslation('accounts');
  const [mode, setMode] = useState<Mode>('view');
  const renameRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const logoutRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // Which control gets focus back once the card shows its buttons again (Rename is unmounted while editing).
  const returnFocus = useRef<FocusTarget | null>(null);
  const state = account.session;
  // Main is out of reach: what the card shows is the last state it heard of, and a QR or code from
  // then is worth nothing (the banner above says why and what to do).
  const stale = useAppStore(selectConnection).state === 'failed';
  const ticking = !stale && state.kind === 'qr' || state.kind === 'pairing-code' || (state.kind === 'reconnecting' && state.attempt > 0);
  const now = useNow(ticking);
  const tone = chipFor(state, now).tone;

  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    const target = { rename: renameRef, remove: removeRef, logout: logoutRef, panel: panelRef }[returnFocus.current];
    // Log out may be gone (the account is no longer linked): the panel says what happened instead.
    (target.current ?? panelRef.current)?.focus();
    returnFocus.current = null;
  }, [mode, account.linked]);

  function back(to: FocusTarget) {
    returnFocus.current = to;
    setMode('view');
  }
  const askRemove = () => setMode('confirm-remove');
  const renamed = () => back('rename');
  const removeClosed = (removed: boolean) => (removed ? onRemoved() : back('remove'));
  const logoutClosed = (done: boolean) => back(done ? 'panel' : 'logout');

  return (
    <section className={`card tone-${tone}${stale ? ' stale' : ''}`} aria-labelledby={accountHeadingId(account.id)}>
      <div className="card-top">
        {mode === 'rename' ? (
          <RenameForm account={account} onDone={renamed} />
        ) : (
          <div className="card-header">
            <h3 id={accountHeadingId(account.id)} className="card-title label-text" tabIndex={-1}>
              {account.label}
            </h3>
            <p className="card-meta">{cardMeta(account, t)}</p>
          </div>
        )}
        <StateChip state={state} now={now} />
      </div>
      {mode !== 'rename' ? (
        <div className="actions card-actions">
          <button ref={renameRef} type="button" className="button small" onClick={() => setMode('rename')}>
            <Trans t={t} i18nKey="card.rename" values={{ label: account.label }} components={HIDDEN} />
          </button>
          <button ref={removeRef} type="button" className="button small subtle-danger" onClick={askRemove}>
            <Trans t={t} i18nKey="card.remove" values={{ label: account.label }} components={HIDDEN} />
          </button>
          <RunControl account={account} />
          {account.linked && state.kind !== 'logged-out' ? (
            <button ref={logoutRef} type="button" className="button small" onClick={() => setMode('confirm-logout')}>
              <Trans t={t} i18nKey="card.logout" values={{ label: account.label }} components={HIDDEN} />
            </button>
          ) : null}
        </div>
      ) : null}
      <CardBody account={account} now={now} stale={stale} panelRef={panelRef} onRemove={askRemove} />
      {stale ? null : <AccountMessages account={account} />}
      {stale ? null : <OpenWhatsApp account={account} />}
      <AccountBackup account={account} />
      <AccountDetails account={account} />
      {mode === 'confirm-remove' ? <RemoveDialog account={account} onClose={removeClosed} /> : null}
      {mode === 'confirm-logout' ? <LogoutDialog account={account} onClose={logoutClosed} /> : null}
    </section>
  );
}

interface CardBodyProps {
  account: Account;
  now: number;
  stale: boolean;
  panelRef: RefObject<HTMLDivElement | null>;
  onRemove(): void;
}

/** The session panel (QR, pairing code, progress, what needs attention) and, while it links, the phone-number way. */
function CardBody({ account, now, stale, panelRef, onRemove }: CardBodyProps) {
  const { t } = useTranslation('accounts');
  const state = account.session;
  const linking = state.kind === 'qr' || state.kind === 'qr-paused';
  return (
    <div className="card-body" ref={panelRef} tabIndex={-1}>
      {stale ? <p className="panel-line muted">{t('card.stale')}</p> : null}
      {stale && (state.kind === 'qr' || state.kind === 'pairing-code') ? (
        <p className="panel-line">{state.kind === 'qr' ? t('card.qrHidden') : t('card.codeHidden')}</p>
      ) : (
        <SessionPanel account={account} now={now} onRemove={onRemove} onActed={() => panelRef.current?.focus()} />
      )}
      {linking && !stale ? <PhoneLinkSection account={account} onStarted={() => panelRef.current?.focus()} /> : null}
    </div>
  );
}

/**
 * Stop while a browser runs, Start when stopped; one button element for both, so focus stays on it
 * when it flips. Paused, logged-out and failed accounts get their own action in the panel instead.
 */
function RunControl({ account }: { account: Account }) {
  const { t } = useTranslation('accounts');
  const start = useAccountsStore((s) => s.start);
  const stop = useAccountsStore((s) => s.stop);
  const { run, pending, error } = useCommand();
  // What the button asked for: the state may flip before main answers (stopping takes seconds).
  const [asked, setAsked] = useState<'stop' | 'start'>('stop');
  const kind = account.session.kind;
  const canStop = STOPPABLE.has(kind);
  if (!canStop && kind !== 'stopped' && !pending) return null;
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-disabled={pending || undefined}
        onClick={() => {
          if (pending) return;
          setAsked(canStop ? 'stop' : 'start');
          void run(() => (canStop ? stop(account.id) : start(account.id)));
        }}
      >
        <Trans t={t} i18nKey={pending ? (asked === 'stop' ? 'card.stopping' : 'card.starting') : canStop ? 'card.stop' : 'card.start'} values={{ label: account.label }} components={HIDDEN} />
      </button>
      <FieldError message={error} />
    </>
  );
}
