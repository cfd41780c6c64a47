// The body of an account card: what the session needs or shows right now, with the one action that
// moves it on (Show a new QR, Link again, Retry). The chip above says the same in a word.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../preload/contract';
import { useAccountsStore } from '../stores/accountsStore';
import { FieldError } from './fieldParts';
import { PairingCodePanel } from './PairingCodePanel';
import { QrPanel } from './QrPanel';
import { failureTitle, isLeaseFailure, phoneText, retryText, sessionMessage } from './sessionView';
import { useCommand } from './useCommand';

export interface SessionPanelProps {
  account: Account;
  now: number;
  /** Opens the card's Remove confirmation. */
  onRemove(): void;
  /** An action replaced this panel's controls: the card takes focus. */
  onActed(): void;
}

export function SessionPanel({ account, now, onRemove, onActed }: SessionPanelProps) {
  const { t } = useTranslation('session');
  const state = account.session;
  switch (state.kind) {
    case 'starting':
      return (
        <p className="panel-line">
          <span className="spinner" aria-hidden="true" />
          {t(`panel.starting.${state.phase}`)}
        </p>
      );
    case 'qr':
      return <QrPanel label={account.label} state={state} now={now} />;
    case 'pairing-code':
      return (
        <>
          <PairingCodePanel state={state} now={now} />
          <ActionRow account={account} kind="qr-instead" onActed={onActed} />
        </>
      );
    case 'syncing':
      return <SyncPanel percent={state.percent} />;
    case 'ready':
      return (
        <dl className="facts">
          <dt>{t('panel.phoneNumber')}</dt>
          <dd>{phoneText(state.phoneNumber)}</dd>
          <dt>{t('panel.pushName')}</dt>
          <dd className="label-text">{state.pushName || t('panel.noName')}</dd>
        </dl>
      );
    case 'stopped':
      return (
        <p className="panel-line muted">
          {account.linked ? t('panel.stoppedLinked') : t('panel.stoppedUnlinked')}
        </p>
      );
    case 'qr-paused':
      return (
        <div className="notice-box">
          <p className="panel-title">{t('panel.pausedTitle', { shown: state.shown })}</p>
          <p>{t('panel.pausedHelp')}</p>
          <ActionRow account={account} kind="new-qr" onActed={onActed} />
        </div>
      );
    case 'reconnecting':
      return (
        <div className="notice-box tone-warn">
          <p className="panel-title">{t('panel.reconnecting')}</p>
          <p>{sessionMessage(state)}</p>
          {state.attempt > 0 ? <p className="countdown">{capitalize(retryText(state, now))}.</p> : null}
          <ActionRow account={account} kind="retry" onActed={onActed} />
        </div>
      );
    case 'logged-out':
      return (
        <div className={state.reason === 'logged-out-here' ? 'notice-box' : 'notice-box tone-danger'}>
          <p className="panel-title">{sessionMessage(state)}</p>
          <ActionRow account={account} kind="link-again" onRemove={onRemove} onActed={onActed} />
        </div>
      );
    case 'failed':
      if (isLeaseFailure(state.code)) return <LeasePanel account={account} message={sessionMessage(state)} onActed={onActed} />;
      return (
        <div className="notice-box tone-danger">
          <p className="panel-title">{failureTitle(state.code)}</p>
          <p>{sessionMessage(state)}</p>
          <p className="muted">{t('panel.errorCode', { code: state.code })}</p>
          <ActionRow account={account} kind="retry" onRemove={onRemove} onActed={onActed} />
        </div>
      );
  }
}

/**
 * Another computer runs this account (its lease in the backup store): one session must never run in two
 * places, so the app waits for the user to say where it should run. Take over stops it over there.
 */
function LeasePanel({ account, message, onActed }: { account: Account; message: string; onActed(): void }) {
  const { t } = useTranslation('session');
  const takeOver = useAccountsStore((s) => s.takeOver);
  const { run, pending, error } = useCommand();
  return (
    <div className="notice-box tone-warn">
      <p className="panel-title">{t('lease.title')}</p>
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
          {pending ? t('lease.takingOver') : t('lease.takeOver')}
          <span className="visually-hidden"> {account.label}</span>
        </button>
      </div>
      <FieldError message={error} />
    </div>
  );
}

function SyncPanel({ percent }: { percent: number }) {
  const { t } = useTranslation('session');
  const id = useId();
  const p = Math.round(percent);
  return (
    <div className="sync">
      <label htmlFor={id} className="panel-line">
        {t('sync.label', { percent: p })}
      </label>
      <progress id={id} className="progress" max={100} value={p}>
        {t('sync.value', { percent: p })}
      </progress>
      <p className="muted">{t('sync.help')}</p>
    </div>
  );
}

/** Each primary action's catalog words (session namespace), at rest and while it runs. */
const PRIMARY = {
  'new-qr': { text: 'action.newQr', busy: 'action.starting' },
  'link-again': { text: 'action.linkAgain', busy: 'action.starting' },
  retry: { text: 'action.retryNow', busy: 'action.retrying' },
  'qr-instead': { text: 'action.qrInstead', busy: 'action.starting' },
} as const;

interface ActionRowProps {
  account: Account;
  /** The primary action (named kind: the literal-text lint knows a kind is no text for a person). */
  kind: keyof typeof PRIMARY;
  onRemove?: () => void;
  onActed(): void;
}

/** Every primary action here is accounts.retry: a fresh browser and fresh attempts (a QR when unlinked). */
function ActionRow({ account, kind: primary, onRemove, onActed }: ActionRowProps) {
  const { t } = useTranslation('session');
  const retry = useAccountsStore((s) => s.retry);
  const { run, pending, error } = useCommand();
  const words = PRIMARY[primary];
  const text = primary === 'retry' && account.session.kind === 'failed' ? 'action.retry' : words.text;
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
          {pending ? t(words.busy) : t(text)}
          <span className="visually-hidden"> {account.label}</span>
        </button>
        {onRemove ? (
          <button type="button" className="button subtle-danger" onClick={onRemove}>
            {t('action.remove')}
            <span className="visually-hidden"> {account.label}</span>
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
