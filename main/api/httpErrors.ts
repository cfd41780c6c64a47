// One error shape for every failure the API answers ({ error: { code, message, field? } }), whatever
// raised it: our own checks, the framework (validation, body limit, unknown route) or a service.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { ApiHttpErrorCode } from '../../preload/contract';
import type { ErrorBody } from './schemas';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: ApiHttpErrorCode, message: string, readonly field?: string) {
    super(message);
  }
}

const STATUS_OF_CODE: Partial<Record<ApiHttpErrorCode, number>> = { INVALID_INPUT: 400, NOT_FOUND: 404, NOT_READY: 409, NOT_LINKED: 409, UNAUTHORIZED: 401 };

export function errorBody(code: ApiHttpErrorCode, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

export function errorHandler(log: Logger) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof HttpError) return reply.code(err.status).send(errorBody(err.code, err.message, err.field));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const field = issue?.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined;
      const where = err.validationContext === 'body' ? '' : ` (${err.validationContext})`;
      return reply.code(400).send(errorBody('INVALID_INPUT', `${issue?.message ?? 'The request is not valid'}${where}`, field));
    }
    if (err instanceof AppError || (err as { name?: string }).name === 'AppError') {
      const e = err as unknown as AppError;
      return reply.code(STATUS_OF_CODE[e.code] ?? 422).send(errorBody(e.code, e.message, e.field));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send(errorBody('INVALID_INPUT', 'The request is not valid JSON or is malformed.'));
    // By route only: the request may carry a message or a key.
    log.error('API request failed', { route: req.routeOptions.url ?? 'unknown', error: err.message });
    return reply.code(500).send(errorBody('INTERNAL', 'Something went wrong inside the app. Try again.'));
  };
}
