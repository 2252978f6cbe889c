/**
 * One place where errors become answers. Known errors become RFC 9457 problem+json with a
 * stable `code`; anything else becomes a bare 500 that reveals nothing, and is logged.
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, type FieldError, type Problem } from '../../shared/error-codes.js';
import { findUnavailableDependency, OUTAGE_RETRY_AFTER_SECONDS } from '../platform/outage.js';

/** Thrown by services and routes; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly detail: string | undefined;
  readonly supportUrl: string | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; retryAfterSeconds?: number; status?: number; supportUrl?: string } = {},
  ) {
    super(code);
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
    this.supportUrl = options.supportUrl;
  }
}

/** Builds the problem document for a code. */
export function toProblem(error: AppError): Problem {
  return {
    type: `https://workgate.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    ...(error.supportUrl ? { supportUrl: error.supportUrl } : {}),
  };
}

// Fastify's own errors for malformed requests, mapped to our codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
};

/** The database or Redis cannot be reached: the adapter has logged the outage once already. */
function fromOutage(error: Error): AppError | undefined {
  if (!findUnavailableDependency(error)) return undefined;
  return new AppError('service_unavailable', { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });
}

function fromFastifyError(error: FastifyError): AppError | undefined {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: [...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])].join('.') || '(body)',
      message: issue.message ?? 'Invalid value.',
    }));
    return new AppError('validation_failed', { errors });
  }
  const code = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (code) return new AppError(code);
  // Any other client error from Fastify (bad header, bad URL) is still a client error.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', { status: error.statusCode, detail: error.message });
  }
  return undefined;
}

/**
 * Drizzle's errors carry the statement's parameters (emails, token hashes) in their message:
 * the log gets the driver's error and the statement's text only.
 */
function withoutQueryParameters(error: Error): Error {
  if (!(error instanceof DrizzleQueryError)) return error;
  const safe = new Error(`Failed query: ${error.query}`, { cause: error.cause });
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  safe.stack = [`Error: ${safe.message}`, ...frames].join('\n');
  return safe;
}

/**
 * RFC 9110 §15.5.2: a 401 names how to authenticate. Bearer (RFC 6750 §3) is the scheme apps
 * use; a request that presented a bearer token hears it was not accepted (invalid_token).
 * Browsers open their own sign-in dialog only for Basic, Digest and the like, never for Bearer,
 * so the web app's 401s stay its own to handle.
 */
function bearerChallenge(request: FastifyRequest): string {
  const sentBearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
  return sentBearer ? 'Bearer realm="workgate", error="invalid_token"' : 'Bearer realm="workgate"';
}

export interface ErrorHandlingOptions {
  /** Answers a request no route matched, before the 404 problem (the web app's client routes). */
  notFoundFallback?: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | undefined;
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof AppError ? error : (fromOutage(error) ?? fromFastifyError(error));
    if (!known) {
      request.log.error({ err: withoutQueryParameters(error) }, 'unhandled error');
      return reply.code(500).type('application/problem+json').send(toProblem(new AppError('internal_error')));
    }
    if (known.retryAfterSeconds !== undefined) reply.header('retry-after', String(known.retryAfterSeconds));
    if (known.status === 401) reply.header('www-authenticate', bearerChallenge(request));
    return reply.code(known.status).type('application/problem+json').send(toProblem(known));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const handled = options.notFoundFallback?.(request, reply);
    if (handled) return await handled;
    return reply.code(404).type('application/problem+json').send(toProblem(new AppError('not_found')));
  });
}
