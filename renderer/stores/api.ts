// The renderer's one gateway to main. Stores call `call()`; components never touch window.api.
// It never throws: a broken bridge becomes `{ ok: false }` like any other failure. Whether main is
// reachable at all is reported to the listener that bindings.ts installs.
import type { ApiError, CommandInput, CommandName, CommandOutput, ErrorCode, Result } from '../../preload/contract';

/**
 * Codes that mean "main cannot be reached", not "this request failed": the web bridge's HOST_UNREACHABLE
 * (socket closed or never opened) and UNAUTHORIZED (no or stale access token). Everything else is the
 * answer of a reachable main and is shown next to the control that asked.
 */
const CONNECTION_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['HOST_UNREACHABLE', 'UNAUTHORIZED']);

export interface ConnectionListener {
  reachable(): void;
  unreachable(error: ApiError): void;
}

let listener: ConnectionListener = { reachable: () => {}, unreachable: () => {} };

export function setConnectionListener(next: ConnectionListener): void {
  listener = next;
}

type Invoke = (name: CommandName, input?: unknown) => Promise<Result<unknown>>;

export async function call<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
  const result = await send(name, input);
  if (result.ok || !CONNECTION_CODES.has(result.error.code)) listener.reachable();
  else listener.unreachable(result.error);
  return result as Result<CommandOutput<K>>;
}

async function send(name: CommandName, input: unknown): Promise<Result<unknown>> {
  // window.api is typed as always present, but in a browser it exists only once the web bridge is installed.
  const api = (window as { api?: { invoke: Invoke } }).api;
  if (!api) return { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'The app’s connection to its background service is missing.' } };
  try {
    return input === undefined ? await api.invoke(name) : await api.invoke(name, input);
  } catch (err) {
    return { ok: false, error: { code: 'HOST_UNREACHABLE', message: err instanceof Error ? err.message : String(err) } };
  }
}
