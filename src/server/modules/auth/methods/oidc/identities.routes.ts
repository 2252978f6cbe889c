/**
 * Connected provider accounts in the security settings, and a first password for an account
 * made through a provider (set through a mail link, like a forgotten one).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AcceptedSchema, NoContentSchema, ProblemSchema } from '../../../../../shared/contracts.js';
import { IdentityIdParamsSchema, IdentityListSchema } from '../../../../../shared/provider-contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { authOf, requireAuth } from '../../../../http/auth-guard.js';
import { rateLimit } from '../../../../http/rate-limit.js';
import { requestContext } from '../../../../http/request-context.js';
import { requireRecentAuthentication } from '../../../../http/step-up.js';
import { findUserById } from '../../../accounts/accounts.queries.js';
import { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from '../../../sessions/index.js';
import { requestPasswordReset } from '../../flows/recovery.js';
import { countPasskeys } from '../passkey/passkey.queries.js';
import { listIdentities } from './identities.queries.js';
import { providerView } from './provider-clients.js';
import { keepIdentity, unlinkIdentity } from './provider-link.js';

const problems = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };

export function identitiesRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config } = deps;
  return async (app) => {
    app.get(
      '/account/identities',
      {
        preHandler: requireAuth(deps),
        schema: {
          tags: ['account'],
          summary: 'Connected provider accounts, the providers that could be connected, and the other ways in',
          response: { 200: IdentityListSchema, ...problems },
        },
      },
      async (request) => {
        const { user } = authOf(request);
        const [rows, owner, passkeyCount] = await Promise.all([
          listIdentities(deps.db, user.id),
          findUserById(deps.db, user.id),
          countPasskeys(deps.db, user.id),
        ]);
        const configured = new Map(config.oidcProviders.map((provider) => [provider.id, providerView(provider)]));
        const identities = rows.flatMap((row) => {
          // A provider the operator has since removed can neither sign in nor be shown as one.
          const provider = configured.get(row.provider);
          if (!provider) return [];
          return [
            {
              id: row.id,
              provider,
              email: row.email,
              createdAt: row.createdAt.toISOString(),
              lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
              held: row.heldAt !== null,
            },
          ];
        });
        const connected = new Set(rows.map((row) => row.provider));
        return {
          identities,
          available: [...configured.values()].filter((provider) => !connected.has(provider.id)),
          hasPassword: Boolean(owner?.passwordHash),
          passkeyCount,
        };
      },
    );

    app.delete(
      '/account/identities/:id',
      {
        preHandler: [requireAuth(deps), requireRecentAuthentication(deps)],
        schema: {
          tags: ['account'],
          summary: 'Disconnect a provider account; refused while it is the only way to sign in',
          description: SIGN_OUT_OFFER_DESCRIPTION,
          params: IdentityIdParamsSchema,
          response: { 204: NoContentSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user, session } = authOf(request);
        await unlinkIdentity(deps, user, request.params.id, requestContext(request), { currentSessionId: session.id });
        // Sessions the provider began have ended with it; others may remain to be offered.
        await offerSignOutOthers(deps, reply, authOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/account/identities/:id/keep',
      {
        preHandler: [requireAuth(deps), requireRecentAuthentication(deps)],
        schema: {
          tags: ['account'],
          summary: 'Keep a provider account that was put on hold after a reported sign-in, so it signs in again',
          params: IdentityIdParamsSchema,
          response: { 204: NoContentSchema, ...problems },
        },
      },
      async (request, reply) => {
        await keepIdentity(deps, authOf(request).user, request.params.id, requestContext(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/account/password/setup-link',
      {
        preHandler: [requireAuth(deps), rateLimit(config, deps.kv, 'forgot')],
        schema: {
          tags: ['account'],
          summary: "Mail a link to set a password (an account made through a provider has none); the link is the password-reset page",
          response: { 202: AcceptedSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user } = authOf(request);
        await requestPasswordReset(deps, user.email, requestContext(request));
        return reply.code(202).send({ status: 'link_sent' });
      },
    );
  };
}
