/**
 * The last step of every successful authentication (password, email link, passkeys and
 * providers): a brand-new session — a new id and token, so nothing chosen before
 * authentication survives it — and its audit event, written by one statement. In the same
 * transaction, the session the browser presented with its login and the account's sessions
 * beyond its limit end (sessions/session-limit.ts), each with an audit event.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import type { UserRow } from '../../accounts/accounts.queries.js';
import { auditEventInsert, recordAuditEvent } from '../../security/audit.service.js';
import { createSession, type NewSession, type SessionRow } from '../../sessions/sessions.service.js';
import { endSessionsBeforeSignIn } from '../../sessions/session-limit.js';

export interface SignInOptions extends Omit<NewSession, 'userId'> {
  /** How the person proved who they are, for the audit trail. */
  method: string;
  /** The session token the browser sent with its login: the new session replaces it. */
  presentedToken?: string | undefined;
}

export async function startSession(
  deps: Deps,
  user: UserRow,
  options: SignInOptions,
  context: RequestContext,
): Promise<{ token: string; session: SessionRow }> {
  const { method, presentedToken, ...session } = options;
  // A second step is recorded after a '+' ('password+totp'); the session keeps where it began.
  const firstFactor = method.split('+')[0]!;
  return deps.db.transaction(async (tx) => {
    const ended = await endSessionsBeforeSignIn(deps, tx, user.id, { presentedToken });
    for (const { id, userId, reason } of ended) {
      await recordAuditEvent(deps, tx, context, { event: 'session_revoked', userId, details: { sessionId: id, reason } });
    }
    return createSession(deps, tx, { userId: user.id, ...session, firstFactor }, context, ({ id }) => [
      auditEventInsert(deps, tx, context, {
        event: session.client === 'app' ? 'token_issued' : 'login_succeeded',
        userId: user.id,
        details: { method, sessionId: id, rememberMe: session.rememberMe },
      }),
    ]);
  });
}
