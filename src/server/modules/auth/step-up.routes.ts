/**
 * POST /auth/reauthenticate: prove it is you again, for step-up. The session gets a new token:
 * browsers receive it as a new cookie (204, as before); bearer clients receive it in the body
 * (200 `{token, expiresAt}`) and must send it from then on, as the old one no longer works.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NoContentSchema, ProblemSchema, ReauthenticatedSchema, ReauthenticateSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { reauthenticate } from './flows/step-up.js';

export function stepUpRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/reauthenticate',
      {
        preHandler: [rateLimit(deps.config, deps.kv, 'login'), requireAuth(deps)],
        schema: {
          tags: ['auth'],
          summary:
            'Confirm it is you with the password or a second factor; opens a 10-minute window for sensitive changes and renews the session token (a new cookie, or a new bearer token in the body)',
          body: ReauthenticateSchema,
          response: {
            200: ReauthenticatedSchema,
            204: NoContentSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            423: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const auth = authOf(request);
        const { token, session } = await reauthenticate(deps, auth, request.body, requestContext(request));
        if (auth.via === 'bearer') return reply.code(200).send({ token, expiresAt: session.expiresAt.toISOString() });
        setSessionCookie(deps.config, reply, token, session, deps.clock.now());
        return reply.code(204).send(null);
      },
    );
  };
}
