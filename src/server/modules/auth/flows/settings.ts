/**
 * Changing a password while signed in. The current password is required (a stolen
 * session alone cannot change it); afterwards every other session of the user ends and
 * the owner is told by mail.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserById, updateUser } from '../../accounts/accounts.queries.js';
import { passwordChangedMail } from '../../accounts/accounts.mail.js';
import { voidUserTokens } from '../../accounts/user-tokens.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { checkSecondStepAnswer } from '../../security/index.js';
import { revokeUserSessions, type AuthUser } from '../../sessions/sessions.service.js';
import { hashNewPassword, verifyUserPassword } from '../methods/password/password.service.js';

export async function changePassword(
  deps: Deps,
  input: { user: AuthUser; sessionId: string; currentPassword: string; newPassword: string },
  context: RequestContext,
): Promise<void> {
  // The request carries a lean user; the password check needs the stored hash.
  const user = (await findUserById(deps.db, input.user.id))!;
  // A wrong current password spends the account's second-step budget: a stolen session must
  // not guess the password here without limit.
  const answer = { method: 'password', during: 'password_change' as const };
  if (!(await checkSecondStepAnswer(deps, user, answer, context, () => verifyUserPassword(deps, deps.db, user, input.currentPassword)))) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user.id,
      details: { reason: 'wrong_password', method: 'password', during: 'password_change' },
    });
    throw new AppError('invalid_credentials', { status: 403 });
  }
  const passwordHash = await hashNewPassword(deps, input.newPassword, {
    field: 'newPassword',
    userInputs: [user.email, user.name],
  });
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: deps.clock.now() });
    await voidUserTokens(deps, tx, user.id, 'password_reset');
    const ended = await revokeUserSessions(deps, tx, user.id, { exceptSessionId: input.sessionId });
    await recordAuditEvent(deps, tx, context, {
      event: 'password_changed',
      userId: user.id,
      details: { sessionsEnded: ended },
    });
    // The owner's notice commits with the change: a crash cannot keep one without the other.
    await deps.mailer.enqueue(passwordChangedMail(deps.config, user.email, user.name, deps.clock.now()), { tx });
  });
}
