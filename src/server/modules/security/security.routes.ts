/**
 * POST /auth/unlock and /auth/not-me (the links of the lockout and new-device mails) and
 * GET /account/activity (the signed-in user's security history).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ActivityListSchema, ActivityQuerySchema, MailTokenSchema, OkSchema, ProblemSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { listSecurityActivity } from './activity.js';
import { unlockAccount } from './lockout.js';
import { reportNotMe } from './new-device-alert.js';

export function securityRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/auth/unlock',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['auth'],
          summary: 'End a lockout with the single-use link from the lockout mail',
          body: MailTokenSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request) => {
        await unlockAccount(deps, request.body.token, requestContext(request));
        return { status: 'ok' as const };
      },
    );

    app.post(
      '/auth/not-me',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['auth'],
          summary: '"This wasn\'t me" from a new-device mail: signs out everywhere and mails a password reset link',
          body: MailTokenSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await reportNotMe(deps, request.body.token, requestContext(request));
        // Every session ended, this browser's included.
        clearSessionCookie(config, reply);
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/account/activity',
      {
        preHandler: requireAuth(deps),
        schema: {
          tags: ['account'],
          summary: 'Security events of the signed-in user, newest first (limit, cursor; before is the older name of cursor)',
          querystring: ActivityQuerySchema,
          response: { 200: ActivityListSchema, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return listSecurityActivity(deps, authOf(request).user.id, request.query);
      },
    );
  };
}
