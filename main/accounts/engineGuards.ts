import type { Logger } from '../log';

/**
 * whatsapp-web.js leaves promises nobody awaits (the re-inject after a logout navigation, RemoteAuth's
 * saves; docs/whatsapp-web.js.md, "Unhandled rejections from work nobody awaits"). One such rejection must not take every other account down with
 * the process: log it against the account it names (its profile folder `session-<id>`), and carry on.
 */
export function installEngineGuards(log: Logger, accountIds: () => string[]): () => void {
  const attribute = (err: unknown) => {
    const text = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    const account = accountIds().find((id) => text.includes(`session-${id}`) || text.includes(id));
    return { account: account ?? 'unknown', error: (err instanceof Error ? err.message : String(err)).split('\n')[0] };
  };
  const onRejection = (reason: unknown) => log.error('unhandled rejection inside the WhatsApp engine', attribute(reason));
  const onException = (err: Error) => log.error('uncaught exception inside the WhatsApp engine', attribute(err));
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
