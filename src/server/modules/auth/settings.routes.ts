/** Account settings that belong to the authentication methods: changing the password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordSchema, OkSchema, ProblemSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { requestContext } from '../../http/request-context.js';
import { requireRecentAuthentication } from '../../http/step-up.js';
import { changePassword } from './flows/settings.js';

export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/account/password',
      {
        preHandler: [requireAuth(deps), requireRecentAuthentication(deps)],
        schema: {
          tags: ['account'],
          summary: 'Change the password; other sessions end',
          body: ChangePasswordSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 423: ProblemSchema },
        },
      },
      async (request) => {
        const { user, session } = authOf(request);
        await changePassword(
          deps,
          { user, sessionId: session.id, currentPassword: request.body.currentPassword, newPassword: request.body.newPassword },
          requestContext(request),
        );
        return { status: 'ok' as const };
      },
    );
  };
}
