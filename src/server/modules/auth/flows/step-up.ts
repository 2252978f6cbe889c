/**
 * Reauthentication for step-up: the password, or any second factor the account has set up.
 * A wrong answer is audited like a failed login. The login's lockout does not see these
 * answers (the person is signed in), so the session itself is the budget: after
 * WRONG_ANSWERS_PER_SESSION wrong answers without a right one, counted over a session's whole
 * lifetime (the "remember me" days), it ends, and whoever holds it, perhaps a stolen cookie
 * guessing the password, must sign in again, where the lockout applies. Every answer also
 * counts against the account's second-step budget (security/second-step-lockout.ts), which
 * no new session resets. A right answer gives the session a new token (sessions.service.ts,
 * reauthenticateSession).
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserById } from '../../accounts/accounts.queries.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { checkSecondStepAnswer } from '../../security/index.js';
import { reauthenticateSession, revokeSession, type RenewedSession, type AuthSession, type AuthUser } from '../../sessions/sessions.service.js';
import { verifyUserPassword } from '../methods/password/password.service.js';
import { usableSecondFactor } from '../methods/registry.js';

export type ReauthenticationProof = { password: string } | { method: string; code: string };

// Above a code's own five tries, so the budget never cuts a mistyped code short.
const WRONG_ANSWERS_PER_SESSION = 10;

export async function reauthenticate(
  deps: Deps,
  auth: { user: AuthUser; session: AuthSession },
  proof: ReauthenticationProof,
  context: RequestContext,
): Promise<RenewedSession> {
  let check: () => Promise<boolean>;
  let method: string;
  let unguessable = false;
  if ('password' in proof) {
    method = 'password';
    check = async () => verifyUserPassword(deps, deps.db, await findUserById(deps.db, auth.user.id), proof.password);
  } else {
    const found = await usableSecondFactor(deps, auth.user.id, proof.method);
    if (!found) throw new AppError('method_not_available');
    method = found.id;
    unguessable = found.unguessable === true;
    check = () => found.verify(deps, auth.user, proof.code, { stepUpSessionId: auth.session.id });
  }
  const valid = await checkSecondStepAnswer(deps, auth.user, { method, during: 'step_up', unguessable }, context, check);
  const wrongAnswers = `stepup-wrong:${auth.session.id}`;
  if (!valid) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: auth.user.id,
      details: { reason: 'wrong_reauthentication', method },
    });
    const { count } = await deps.kv.hit(wrongAnswers, deps.config.session.rememberDays * 24 * 3_600_000);
    if (count >= WRONG_ANSWERS_PER_SESSION) {
      // The revocation and its event commit together.
      await deps.db.transaction(async (tx) => {
        await revokeSession(deps, tx, auth.user.id, auth.session.id);
        await recordAuditEvent(deps, tx, context, {
          event: 'session_revoked',
          userId: auth.user.id,
          details: { sessionId: auth.session.id, reason: 'too_many_wrong_reauthentications' },
        });
      });
      throw new AppError('unauthenticated');
    }
    throw new AppError(method === 'password' ? 'invalid_credentials' : 'invalid_code', { status: 403 });
  }
  await deps.kv.delete(wrongAnswers);
  const renewed = await reauthenticateSession(deps, auth.session.id);
  // Signed out (or out of time) while the answer was being checked.
  if (!renewed) throw new AppError('unauthenticated');
  await recordAuditEvent(deps, deps.db, context, { event: 'reauthenticated', userId: auth.user.id, details: { method } });
  return renewed;
}
