/**
 * Forgotten passwords. The request always answers the same; a mail goes out only for a
 * known address. Using a reset link sets the new password, voids every other reset link,
 * ends every session of the user (whoever knew the old password is out) and tells the owner.
 * The same link sets a first password for an account made through a provider.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { findUserByEmail, findUserById, updateUser } from '../../accounts/accounts.queries.js';
import { passwordChangedMail, passwordResetMail } from '../../accounts/accounts.mail.js';
import { consumeUserToken, issueUserToken, peekUserToken, voidUserTokens } from '../../accounts/user-tokens.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { clearLockout } from '../../security/lockout.js';
import { endSecondStepLockAfterReset } from '../../security/index.js';
import { revokeUserSessions } from '../../sessions/sessions.service.js';
import { hashNewPassword } from '../methods/password/password.service.js';

const RESET_MAILS_PER_ADDRESS_PER_HOUR = 5;

/**
 * Mails a reset link to a known address, at most RESET_MAILS_PER_ADDRESS_PER_HOUR an hour.
 * `uncapped` is for the owner's own report of an intrusion, which is single-use per alert:
 * the intruder may have spent the hour's mails in advance to keep the link from the owner.
 */
export async function requestPasswordReset(
  deps: Deps,
  email: string,
  context: RequestContext,
  options: { uncapped?: true } = {},
): Promise<void> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  const { count } = await deps.kv.hit(`reset-mail-to:${user.id}`, 3_600_000);
  if (count > RESET_MAILS_PER_ADDRESS_PER_HOUR && !options.uncapped) return;
  await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, { event: 'password_reset_requested', userId: user.id });
    const token = await issueUserToken(deps, tx, user.id, 'password_reset');
    await deps.mailer.enqueue(passwordResetMail(deps.config, user.email, user.name, token), { tx });
  });
}

export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string },
  context: RequestContext,
): Promise<void> {
  // Check and hash the new password before using the link up: a refused password leaves
  // the link valid, and the slow hash does not run inside the transaction.
  const owner = await findUserById(deps.db, await peekUserToken(deps, deps.db, input.token, 'password_reset'));
  const passwordHash = await hashNewPassword(deps, input.password, {
    field: 'password',
    userInputs: [owner!.email, owner!.name],
  });
  const user = await deps.db.transaction(async (tx) => {
    const userId = await consumeUserToken(deps, tx, input.token, 'password_reset');
    const current = (await findUserById(tx, userId))!;
    const now = deps.clock.now();
    // Receiving the link proves the mailbox, so an unverified address becomes verified.
    const updated = await updateUser(tx, userId, {
      passwordHash,
      passwordChangedAt: now,
      emailVerifiedAt: current.emailVerifiedAt ?? now,
      // A new password chosen through the mailed link is what an admin's forced reset asked for.
      mustResetPassword: false,
    });
    await voidUserTokens(deps, tx, userId, 'password_reset');
    // The address is verified now: a sign-up link still in the mailbox must not sign in later.
    await voidUserTokens(deps, tx, userId, 'email_verification');
    // Ending every session shuts out whoever knew the old password, and, for an account that
    // had none (made through Google or Apple), whoever else is signed in: a person who sets a
    // password to lock out an intruder expects exactly that.
    const ended = await revokeUserSessions(deps, tx, userId);
    await recordAuditEvent(deps, tx, context, { event: 'password_reset', userId, details: { sessionsEnded: ended } });
    // The owner's notice commits with the change: a crash cannot keep one without the other.
    await deps.mailer.enqueue(passwordChangedMail(deps.config, updated.email, updated.name, now), { tx });
    return updated;
  });
  // A new password makes the guesses against the old one moot: the account's locks end. Of the
  // second step's locks, only the one that would not end by itself does (see its module).
  await clearLockout(deps, user);
  await endSecondStepLockAfterReset(deps, user.id);
}
