// The body of an account card: what the session needs or shows right now, with the one action that
// moves it on (Show a new QR, Link again, Retry). The chip above says the same in a word.
import { useId } from 'react';
import type { Account, SessionState } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { FieldError } from './fieldParts';
import { PairingCodePanel } from './PairingCodePanel';
import { QrPanel } from './QrPanel';
import { failureTitle, isLeaseFailure, phoneText, retryText } from './sessionView';
import { useCommand } from './useCommand';

export interface SessionPanelProps {
  account: Account;
  now: number;
  /** Opens the card's Remove confirmation. */
  onRemove(): void;
  /** An action replaced this panel's controls: the card takes focus. */
  onActed(): void;
}

const STARTING: Record<Extract<SessionState, { kind: 'starting' }>['phase'], string> = {
  launch: 'Starting a browser for this account…',
  page: 'Loading WhatsApp Web…',
  restore: 'Restoring the saved session: no new scan needed…',
};

export function SessionPanel({ account, now, onRemove, onActed }: SessionPanelProps) {
  const state = account.session;
  switch (state.kind) {
    case 'starting':
      return (
        <p className="panel-line">
          <span className="spinner" aria-hidden="true" />
          {STARTING[state.phase]}
        </p>
      );
    case 'qr':
      return <QrPanel label={account.label} state={state} now={now} />;
    case 'pairing-code':
      return (
        <>
          <PairingCodePanel state={state} now={now} />
          <ActionRow account={account} primary="qr-instead" onActed={onActed} />
        </>
      );
    case 'syncing':
      return <SyncPanel percent={state.percent} />;
    case 'ready':
      return (
        <dl className="facts">
          <dt>Phone number</dt>
          <dd>{phoneText(state.phoneNumber)}</dd>
          <dt>Name on WhatsApp</dt>
          <dd className="label-text">{state.pushName || '(no name set)'}</dd>
        </dl>
      );
    case 'stopped':
      return (
        <p className="panel-line muted">
          {account.linked
            ? 'Stopped. The session is kept: Start opens it again without a new scan.'
            : 'Stopped before it was linked. Start shows a QR code to scan.'}
        </p>
      );
    case 'qr-paused':
      return (
        <div className="notice-box">
          <p className="panel-title">Paused after {state.shown} QR codes were not scanned</p>
          <p>No more codes are fetched until you ask for one.</p>
          <ActionRow account={account} primary="new-qr" onActed={onActed} />
        </div>
      );
    case 'reconnecting':
      return (
        <div className="notice-box tone-warn">
          <p className="panel-title">Reconnecting</p>
          <p>{state.reason}</p>
          {state.attempt > 0 ? <p className="countdown">{capitalize(retryText(state, now))}.</p> : null}
          <ActionRow account={account} primary="retry" onActed={onActed} />
        </div>
      );
    case 'logged-out':
      return (
        <div className={state.reason === 'logged-out-here' ? 'notice-box' : 'notice-box tone-danger'}>
          <p className="panel-title">{state.message}</p>
          <ActionRow account={account} primary="link-again" onRemove={onRemove} onActed={onActed} />
        </div>
      );
    case 'failed':
      if (isLeaseFailure(state.code)) return <LeasePanel account={account} message={state.message} onActed={onActed} />;
      return (
        <div className="notice-box tone-danger">
          <p className="panel-title">{failureTitle(state.code)}</p>
          <p>{state.message}</p>
          <p className="muted">Error code: {state.code}</p>
          <ActionRow account={account} primary="retry" onRemove={onRemove} onActed={onActed} />
        </div>
      );
  }
}

/**
 * Another computer runs this account (its lease in the backup store): one session must never run in two
 * places, so the app waits for the user to say where it should run. Take over stops it over there.
 */
function LeasePanel({ account, message, onActed }: { account: Account; message: string; onActed(): void }) {
  const takeOver = useAccountsStore((s) => s.takeOver);
  const { run, pending, error } = useCommand();
  return (
    <div className="notice-box tone-warn">
      <p className="panel-title">Open on another computer</p>
      <p>{message}</p>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          aria-disabled={pending || undefined}
          onClick={async () => {
            const result = await run(() => takeOver(account.id));
            if (result?.ok) onActed();
          }}
        >
          {pending ? 'Taking over…' : 'Take over'}
          <span className="visually-hidden"> {account.label}</span>
        </button>
      </div>
      <FieldError message={error} />
    </div>
  );
}

function SyncPanel({ percent }: { percent: number }) {
  const id = useId();
  const p = Math.round(percent);
  return (
    <div className="sync">
      <label htmlFor={id} className="panel-line">
        Syncing with your phone: {p} %
      </label>
      <progress id={id} className="progress" max={100} value={p}>
        {p} %
      </progress>
      <p className="muted">Keep the phone online until this finishes.</p>
    </div>
  );
}

const PRIMARY = {
  'new-qr': { text: 'Show a new QR', busy: 'Starting…' },
  'link-again': { text: 'Link again', busy: 'Starting…' },
  retry: { text: 'Retry now', busy: 'Retrying…' },
  'qr-instead': { text: 'Use a QR code instead', busy: 'Starting…' },
} as const;

interface ActionRowProps {
  account: Account;
  primary: keyof typeof PRIMARY;
  onRemove?: () => void;
  onActed(): void;
}

/** Every primary action here is accounts.retry: a fresh browser and fresh attempts (a QR when unlinked). */
function ActionRow({ account, primary, onRemove, onActed }: ActionRowProps) {
  const retry = useAccountsStore((s) => s.retry);
  const { run, pending, error } = useCommand();
  const words = PRIMARY[primary];
  const text = primary === 'retry' && account.session.kind === 'failed' ? 'Retry' : words.text;
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className={primary === 'qr-instead' ? 'button' : 'button primary'}
          aria-disabled={pending || undefined}
          onClick={async () => {
            const result = await run(() => retry(account.id));
            if (result?.ok) onActed();
          }}
        >
          {pending ? words.busy : text}
          <span className="visually-hidden"> {account.label}</span>
        </button>
        {onRemove ? (
          <button type="button" className="button subtle-danger" onClick={onRemove}>
            Remove account<span className="visually-hidden"> {account.label}</span>
          </button>
        ) : null}
      </div>
      <FieldError message={error} />
    </>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
