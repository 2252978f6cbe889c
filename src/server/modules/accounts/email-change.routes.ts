/** POST /account/email (request), /account/email/confirm and /account/email/undo (the mail links). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AcceptedSchema, EmailChangeSchema, MailTokenSchema, OkSchema, ProblemSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { requireRecentAuthentication } from '../../http/step-up.js';
import { confirmEmailChange, requestEmailChange, undoEmailChange } from './email-change.js';

export function emailChangeRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/account/email',
      {
        preHandler: [requireAuth(deps), requireRecentAuthentication(deps)],
        schema: {
          tags: ['account'],
          summary: 'Ask to change the email address: mails a confirmation link to the new address; always 202',
          body: EmailChangeSchema,
          response: { 202: AcceptedSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await requestEmailChange(deps, authOf(request).user, request.body.newEmail, requestContext(request));
        return reply.code(202).send({ status: 'confirmation_sent' });
      },
    );

    app.post(
      '/account/email/confirm',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['account'],
          summary: 'Confirm the new address with the link mailed to it; the old address is told and can undo',
          body: MailTokenSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request) => {
        await confirmEmailChange(deps, request.body.token, requestContext(request));
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/account/email/undo',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['account'],
          summary: 'Undo an email change with the link mailed to the old address; signs out everywhere and mails a reset link',
          body: MailTokenSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await undoEmailChange(deps, request.body.token, requestContext(request));
        clearSessionCookie(config, reply);
        return { status: 'ok' as const };
      },
    );
  };
}
