/** Account settings that belong to the authentication methods: changing the password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordSchema, OkSchema, ProblemSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { requestContext } from '../../http/request-context.js';
import { requireRecentAuthentication } from '../../http/step-up.js';
import { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from '../sessions/index.js';
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
          description: `${SIGN_OUT_OFFER_DESCRIPTION} Here the change has ended them already, so it is 0.`,
          body: ChangePasswordSchema,
          response: { 200: OkSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 423: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = authOf(request);
        await changePassword(
          deps,
          { user, sessionId: session.id, currentPassword: request.body.currentPassword, newPassword: request.body.newPassword },
          requestContext(request),
        );
        // The change has ended the other sessions already, so the count says 0: nothing to offer.
        await offerSignOutOthers(deps, reply, authOf(request));
        return { status: 'ok' as const };
      },
    );
  };
}
