/** Logout, the session check and password recovery. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptedSchema,
  NoContentSchema,
  EmailOnlySchema,
  OkSchema,
  ProblemSchema,
  ResetPasswordSchema,
  SessionResponseSchema,
} from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { toUserView } from '../accounts/user-view.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { revokeSession } from '../sessions/sessions.service.js';
import { requestPasswordReset, resetPassword } from './flows/recovery.js';

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/auth/logout',
      {
        preHandler: requireAuth(deps),
        schema: { tags: ['auth'], summary: 'End the current session', response: { 204: NoContentSchema, 401: ProblemSchema } },
      },
      async (request, reply) => {
        const { user, session } = authOf(request);
        const context = requestContext(request);
        await deps.db.transaction(async (tx) => {
          await revokeSession(deps, tx, user.id, session.id);
          await recordAuditEvent(deps, tx, context, { event: 'logout', userId: user.id, details: { sessionId: session.id } });
        });
        clearSessionCookie(config, reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/session',
      {
        preHandler: requireAuth(deps),
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the current session',
          response: { 200: SessionResponseSchema, 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = authOf(request);
        reply.header('cache-control', 'no-store');
        return {
          user: toUserView(user),
          session: {
            id: session.id,
            createdAt: session.createdAt.toISOString(),
            expiresAt: session.expiresAt.toISOString(),
            rememberMe: session.rememberMe,
          },
        };
      },
    );

    app.post(
      '/auth/password/forgot',
      {
        preHandler: rateLimit(config, kv, 'forgot'),
        schema: {
          tags: ['auth'],
          summary: 'Mail a password reset link; always answers 202',
          body: EmailOnlySchema,
          response: { 202: AcceptedSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(deps, request.body.email, requestContext(request));
        return reply.code(202).send({ status: 'reset_sent' });
      },
    );

    app.post(
      '/auth/password/reset',
      {
        preHandler: rateLimit(config, kv, 'reset'),
        schema: {
          tags: ['auth'],
          summary: 'Set a new password with the token from the mail; ends every session',
          body: ResetPasswordSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request) => {
        await resetPassword(deps, request.body, requestContext(request));
        return { status: 'ok' as const };
      },
    );
  };
}
