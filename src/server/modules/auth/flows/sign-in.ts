/**
 * The last step of every successful authentication (password, email link, and later
 * passkeys and providers): a brand-new session — a new id and token, so nothing chosen
 * before authentication survives it — and its audit event, written by one statement.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import type { UserRow } from '../../accounts/accounts.queries.js';
import { auditEventInsert } from '../../security/audit.service.js';
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
  return createSession(deps, deps.db, { userId: user.id, ...session, firstFactor }, context, ({ id }) => [
    auditEventInsert(deps, deps.db, context, {
      event: session.client === 'app' ? 'token_issued' : 'login_succeeded',
      userId: user.id,
      details: { method, sessionId: id, rememberMe: session.rememberMe },
    }),
  ]);
}
