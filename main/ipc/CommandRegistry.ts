import type { z } from 'zod';
import {
  commands,
  isCommandName,
  type CommandArgs,
  type CommandName,
  type CommandOutput,
  type Result,
} from '../../preload/contract';
import { AppError } from '../errors';
import type { Logger } from '../log';

export type Handler<K extends CommandName> = (input: CommandArgs<K>) => Promise<CommandOutput<K>> | CommandOutput<K>;
export type Handlers = { [K in CommandName]: Handler<K> };

/**
 * The one place every call from a renderer passes through, whatever the transport (Electron IPC or the
 * web host's WebSocket): unknown names and malformed input are refused before a service sees them, and
 * every outcome is a `Result` — a caller never sees a stack trace and a bad call never crashes main.
 */
export class CommandRegistry {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: Logger,
  ) {}

  async dispatch(command: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isCommandName(command)) {
      const shown = typeof command === 'string' ? `"${command.slice(0, 60)}"` : 'a command without a name';
      return fail(new AppError('UNKNOWN_COMMAND', `There is no command ${shown}.`));
    }
    const parsed = commands[command].input.safeParse(input);
    if (!parsed.success) return fail(invalidInput(parsed.error));
    try {
      const handler = this.handlers[command] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppError) return fail(err);
      // Internal details stay in the log (by command name only: inputs may hold secrets or numbers).
      this.log.error('command failed', { command, error: err instanceof Error ? err.message : String(err) });
      return fail(new AppError('INTERNAL', 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.'));
    }
  }
}

function fail(err: AppError): Result<never> {
  return { ok: false, error: err.toApiError() };
}

function invalidInput(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  let message = issue?.message ?? 'The request was not valid.';
  if (issue?.code === 'invalid_type' && field) message = `"${field}" is missing or has the wrong type.`;
  if (issue?.code === 'unrecognized_keys') message = `Unexpected field(s): ${issue.keys.join(', ')}.`;
  if (issue?.code === 'invalid_type' && !field) message = 'The request must be an object with the command\'s fields.';
  return new AppError('INVALID_INPUT', message, field);
}
