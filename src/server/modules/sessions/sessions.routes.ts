/** The signed-in user's sessions across devices: list, sign one out, sign out everywhere. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NoContentSchema, ProblemSchema, RevokeAllSchema, SessionIdParamsSchema, SessionListSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { requestContext } from '../../http/request-context.js';
import { requireRecentAuthentication } from '../../http/step-up.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { providerView } from '../auth/methods/oidc/provider-clients.js';
import { describeDevice } from './device.js';
import { OWN_FIRST_FACTORS } from './session-lifetime.js';
import { listUserSessions, revokeSession, revokeUserSessions } from './sessions.service.js';

const isOwnMethod = (firstFactor: string): firstFactor is (typeof OWN_FIRST_FACTORS)[number] =>
  (OWN_FIRST_FACTORS as readonly string[]).includes(firstFactor);

/** How a session's sign-in began, with the provider when it was one. */
function signedInWith(config: Deps['config'], firstFactor: string | null) {
  if (!firstFactor) return null;
  if (isOwnMethod(firstFactor)) return { method: firstFactor, provider: null };
  const provider = config.oidcProviders.find((candidate) => candidate.id === firstFactor);
  // A provider since removed from the configuration is still named by its id.
  return { method: 'provider' as const, provider: provider ? providerView(provider) : { id: firstFactor, label: firstFactor, kind: 'oidc' as const } };
}

export function sessionsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth(deps));

    app.get(
      '/account/sessions',
      {
        schema: {
          tags: ['account'],
          summary: 'Active sessions of the signed-in user, most recently used first',
          response: { 200: SessionListSchema, 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { user, session: current } = authOf(request);
        const sessions = await listUserSessions(deps, user.id);
        reply.header('cache-control', 'no-store');
        return {
          sessions: sessions.map((s) => ({
            id: s.id,
            current: s.id === current.id,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
            ip: s.ip,
            device: describeDevice(s.userAgent),
            rememberMe: s.rememberMe,
            client: s.client,
            signedInWith: signedInWith(deps.config, s.firstFactor),
          })),
        };
      },
    );

    app.delete(
      '/account/sessions/:id',
      {
        schema: {
          tags: ['account'],
          summary: 'Sign out one of your sessions',
          params: SessionIdParamsSchema,
          response: { 204: NoContentSchema, 401: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { user, session: current } = authOf(request);
        const context = requestContext(request);
        const revoked = await deps.db.transaction(async (tx) => {
          const done = await revokeSession(deps, tx, user.id, request.params.id);
          if (done) {
            await recordAuditEvent(deps, tx, context, {
              event: 'session_revoked',
              userId: user.id,
              details: { sessionId: request.params.id, by: current.id },
            });
          }
          return done;
        });
        // Another user's session and an unknown id look the same.
        if (!revoked) throw new AppError('not_found');
        if (request.params.id === current.id) clearSessionCookie(deps.config, reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/account/sessions/revoke-all',
      {
        preHandler: requireRecentAuthentication(deps),
        schema: {
          tags: ['account'],
          summary: 'Sign out of all other devices, or everywhere with includeCurrent',
          body: RevokeAllSchema,
          response: { 204: NoContentSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { user, session: current } = authOf(request);
        const includeCurrent = request.body?.includeCurrent ?? false;
        const context = requestContext(request);
        await deps.db.transaction(async (tx) => {
          const ended = await revokeUserSessions(deps, tx, user.id, includeCurrent ? {} : { exceptSessionId: current.id });
          await recordAuditEvent(deps, tx, context, {
            event: 'sessions_revoked_all',
            userId: user.id,
            details: { includeCurrent, sessionsEnded: ended },
          });
        });
        if (includeCurrent) clearSessionCookie(deps.config, reply);
        return reply.code(204).send(null);
      },
    );
  };
}
