import type { Logger } from '../log';

/**
 * Frames of the libraries whose stray rejections are known (docs/whatsapp-web.js.md, "Unhandled
 * rejections from work nobody awaits"): whatsapp-web.js re-injects after a logout navigation and
 * RemoteAuth saves without awaiting, and puppeteer rejects those when the page or browser is gone.
 */
const LIBRARY_FRAME = /node_modules[\\/](whatsapp-web\.js|puppeteer-core|puppeteer)[\\/]/;

/**
 * whatsapp-web.js also throws bare strings, which carry no stack: `throw 'auth timeout'` in
 * Client.inject (src/Client.js), which the re-inject after a navigation leaves unawaited.
 */
const LIBRARY_STRINGS = new Set(['auth timeout']);

/** A stray that comes from the library (by its stack) rather than from the app's own code. */
export function isLibraryStray(err: unknown): boolean {
  if (typeof err === 'string') return LIBRARY_STRINGS.has(err);
  return err instanceof Error && typeof err.stack === 'string' && LIBRARY_FRAME.test(err.stack);
}

/** What an app bug ends in by default: the process exits (70, "internal software error") for its host to restart. */
function exitProcess(): void {
  process.exit(70);
}

/**
 * One stray rejection from the library must not take every other account down with the process: it is
 * logged against the account it names (its profile folder `session-<id>`), and the app carries on.
 * Anything else is the app's own bug: it is logged with its stack and `onFatal` ends the process
 * cleanly, instead of carrying on in a state nobody planned for.
 */
export function installEngineGuards(log: Logger, accountIds: () => string[], onFatal: (err: unknown) => void = exitProcess): () => void {
  const attribute = (err: unknown) => {
    const text = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    const account = accountIds().find((id) => text.includes(`session-${id}`) || text.includes(id));
    return { account: account ?? 'unknown', error: (err instanceof Error ? err.message : String(err)).split('\n')[0] };
  };
  const fatal = (kind: string, err: unknown) => {
    log.error(`${kind} in the app itself: stopping`, { error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
    onFatal(err);
  };
  const onRejection = (reason: unknown) => {
    if (isLibraryStray(reason)) log.error('unhandled rejection inside the WhatsApp engine', attribute(reason));
    else fatal('unhandled rejection', reason);
  };
  const onException = (err: Error) => {
    if (isLibraryStray(err)) log.error('uncaught exception inside the WhatsApp engine', attribute(err));
    else fatal('uncaught exception', err);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
