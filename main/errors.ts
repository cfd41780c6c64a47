import type { ApiError, CommandErrorCode } from '../preload/contract';

/** An error a user can act on: a stable code for the UI and tests, a message for the person. */
export class AppError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found. It may have been removed already.`);
}
