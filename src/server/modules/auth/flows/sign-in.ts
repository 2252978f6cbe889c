/**
 * The last step of every successful authentication (password, email link, passkeys and
 * providers): a brand-new session — a new id and token, so nothing chosen before
 * authentication survives it — and its audit event, written by one statement. The same
 * statement ends the session the browser presented with its login and the account's sessions
 * beyond its limit (sessions/session-limit.ts), each with a `session_revoked` event.
 */
import { sql } from 'drizzle-orm';
import type { Deps, RequestContext } from '../../../platform/deps.js';
import type { UserRow } from '../../accounts/accounts.queries.js';
import { auditEventInsert, auditEventsInsertPerRow } from '../../security/audit.service.js';
import { createSession, type NewSession, type SessionRow } from '../../sessions/sessions.service.js';

export interface SignInOptions extends Omit<NewSession, 'userId'> {
  /** How the person proved who they are, for the audit trail. */
  method: string;
}

export async function startSession(
  deps: Deps,
  user: UserRow,
  options: SignInOptions,
  context: RequestContext,
): Promise<{ token: string; session: SessionRow }> {
  const { method, ...session } = options;
  // A second step is recorded after a '+' ('password+totp'); the session keeps where it began.
  const firstFactor = method.split('+')[0]!;
  return createSession(deps, deps.db, { userId: user.id, ...session, firstFactor }, context, ({ id, ended }) => [
    auditEventInsert(deps, deps.db, context, {
      event: session.client === 'app' ? 'token_issued' : 'login_succeeded',
      userId: user.id,
      details: { method, sessionId: id, rememberMe: session.rememberMe },
    }),
    auditEventsInsertPerRow(deps, context, 'session_revoked', {
      from: ended,
      userId: ended.userId,
      details: sql`jsonb_build_object('sessionId', ${ended.id}, 'reason', ${ended.reason})`,
    }),
  ]);
}
