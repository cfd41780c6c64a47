// The renderer's one gateway to main. Stores call `call()`; components never touch window.api.
// It never throws: a broken bridge becomes `{ ok: false }` like any other failure. Whether main is
// reachable at all is reported to the listener that bindings.ts installs.
import type { ApiError, CommandInput, CommandName, CommandOutput, Result, TransportCode } from '../../preload/contract';
import { t } from '../i18n';

/**
 * Which transport codes mean "main cannot be reached", not "this request failed": HOST_UNREACHABLE
 * (socket closed or never opened, no bridge) and UNAUTHORIZED (no or stale access token). A TIMEOUT, and
 * every command code, is the fate of one call and is shown next to the control that asked. A Record, so a
 * new transport code fails the type check until it is sorted here.
 */
const MAIN_UNREACHABLE = { HOST_UNREACHABLE: true, UNAUTHORIZED: true, TIMEOUT: false } as const satisfies Record<TransportCode, boolean>;

/** The codes that say main cannot be reached. */
export type ConnectionCode = { [C in TransportCode]: (typeof MAIN_UNREACHABLE)[C] extends true ? C : never }[TransportCode];
export type ConnectionError = ApiError & { code: ConnectionCode };

export function isConnectionError(error: ApiError): error is ConnectionError {
  return Object.hasOwn(MAIN_UNREACHABLE, error.code) && MAIN_UNREACHABLE[error.code as TransportCode];
}

export interface ConnectionListener {
  reachable(): void;
  unreachable(error: ConnectionError): void;
}

let listener: ConnectionListener = { reachable: () => {}, unreachable: () => {} };

export function setConnectionListener(next: ConnectionListener): void {
  listener = next;
}

type Invoke = (name: CommandName, input?: unknown) => Promise<Result<unknown>>;

export async function call<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
  const result = await send(name, input);
  if (result.ok || !isConnectionError(result.error)) listener.reachable();
  else listener.unreachable(result.error);
  return result as Result<CommandOutput<K>>;
}

async function send(name: CommandName, input: unknown): Promise<Result<unknown>> {
  // window.api is typed as always present, but in a browser it exists only once the web bridge is installed.
  const api = (window as { api?: { invoke: Invoke } }).api;
  if (!api) return { ok: false, error: { code: 'HOST_UNREACHABLE', message: t('errors:bridgeMissing') } };
  try {
    return input === undefined ? await api.invoke(name) : await api.invoke(name, input);
  } catch (err) {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: err instanceof Error ? err.message : String(err) } };
  }
}
