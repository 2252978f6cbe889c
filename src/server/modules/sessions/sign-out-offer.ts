/**
 * After a change of sign-in factors (a second step or passkey added or removed, a provider
 * disconnected, a password changed), the answer tells the client how many other sessions the
 * account has, so it can offer to sign them out (ASVS 5.0 7.4.3): someone who got in before
 * the change may still be signed in. The answer carries it in a header, since several of these
 * answers are 204 with no body; the client offers POST /account/sessions/revoke-all when the
 * count is above zero.
 */
import { and, count, eq, gt, isNull, ne } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { sessions } from './sessions.table.js';

/** The header, in lower case as Node sends it: the number of the account's other live sessions. */
export const OTHER_SESSIONS_HEADER = 'workgate-other-sessions';

/** The OpenAPI description of every answer that carries the header. */
export const SIGN_OUT_OFFER_DESCRIPTION =
  `A sign-in factor changed: the \`${OTHER_SESSIONS_HEADER}\` header of the answer counts the account's other live sessions. ` +
  'When it is above 0, offer to sign them out (POST /api/v1/account/sessions/revoke-all): someone who got in before the change may still be signed in.';

/** How many live sessions the user has besides `currentSessionId`. */
export async function countOtherSessions(deps: Pick<Deps, 'db' | 'clock'>, userId: string, currentSessionId: string): Promise<number> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(sessions)
    .where(
      and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, deps.clock.now())),
    );
  return row?.n ?? 0;
}

/** Sets the header on the answer to a factor change made in `auth.session`. */
export async function offerSignOutOthers(
  deps: Pick<Deps, 'db' | 'clock'>,
  reply: FastifyReply,
  auth: { user: { id: string }; session: { id: string } },
): Promise<void> {
  reply.header(OTHER_SESSIONS_HEADER, String(await countOtherSessions(deps, auth.user.id, auth.session.id)));
}
