/** POST /auth/reauthenticate: prove it is you again, for step-up. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NoContentSchema, ProblemSchema, ReauthenticateSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { reauthenticate } from './flows/step-up.js';

export function stepUpRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/reauthenticate',
      {
        preHandler: [rateLimit(deps.config, deps.kv, 'login'), requireAuth(deps)],
        schema: {
          tags: ['auth'],
          summary: 'Confirm it is you with the password or a second factor; opens a 10-minute window for sensitive changes',
          body: ReauthenticateSchema,
          response: { 204: NoContentSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 423: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await reauthenticate(deps, authOf(request), request.body, requestContext(request));
        return reply.code(204).send(null);
      },
    );
  };
}
