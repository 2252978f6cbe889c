/**
 * Sign-up and email verification.
 * Sign-up answers the same whatever the address: a new address gets a verification link;
 * a registered one gets a notice with sign-in and reset links. Both spend one password hash.
 * A second sign-up for an address that is still unverified replaces the pending details and
 * voids the earlier link, so a password chosen by someone who does not own the mailbox
 * never becomes active through a later, genuine confirmation.
 */
import type { Signup } from '../../../shared/contracts.js';
import { clearLockout } from '../security/lockout.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { generateId } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import { hashNewPassword } from '../auth/methods/password/password.service.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from './accounts.queries.js';
import { signupAttemptMail, verificationMail } from './accounts.mail.js';
import { consumeUserToken, issueUserToken } from './user-tokens.js';

/** Mails to one address per hour at most, whoever asks; beyond that, requests are silently dropped. */
const MAILS_PER_ADDRESS_PER_HOUR = 5;

/** Counts one mail to `email`; false once the hour's budget for that address is spent. */
export async function mayMailAddress(deps: Pick<Deps, 'kv'>, email: string): Promise<boolean> {
  const { count } = await deps.kv.hit(`mail-to:${email}`, 3_600_000);
  return count <= MAILS_PER_ADDRESS_PER_HOUR;
}

export async function signUp(deps: Deps, input: Signup, context: RequestContext): Promise<void> {
  const passwordHash = await hashNewPassword(deps, input.password, {
    field: 'password',
    userInputs: [input.email, input.name],
  });
  const existing = await findUserByEmail(deps.db, input.email);
  if (existing?.emailVerifiedAt) {
    await recordAuditEvent(deps, deps.db, context, { event: 'signup_existing_email', userId: existing.id });
    if (await mayMailAddress(deps, existing.email)) {
      await deps.mailer.enqueue(signupAttemptMail(deps.config, existing.email, existing.name));
    }
    return;
  }
  const issued = await deps.db.transaction(async (tx) => {
    let user: UserRow | undefined;
    if (existing) {
      user = await updateUser(tx, existing.id, { name: input.name, role: input.role, passwordHash });
    } else {
      user = await insertUser(tx, {
        id: generateId(),
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        createdAt: deps.clock.now(),
      });
    }
    // A concurrent sign-up for the same new address won the insert: answer as for a taken address.
    if (!user) return undefined;
    await recordAuditEvent(deps, tx, context, { event: 'signup', userId: user.id, details: { role: input.role } });
    return { user, token: await issueUserToken(deps, tx, user.id, 'email_verification') };
  });
  if (issued && (await mayMailAddress(deps, input.email))) {
    await deps.mailer.enqueue(verificationMail(deps.config, input.email, input.name, issued.token));
  }
}

/**
 * Confirms the address behind a verification link; answers the now verified user, whom the
 * caller may sign in through the login's own checks. A link works only for the first
 * confirmation (ASVS 6.3.4): once the address is verified by any path (a reset, an address
 * change) its links are void, and one that slipped through is refused here, so an old mail
 * never signs in an account that has since gained a second factor.
 */
export async function verifyEmail(deps: Deps, token: string, context: RequestContext): Promise<UserRow> {
  const verified = await deps.db.transaction(async (tx) => {
    const userId = await consumeUserToken(deps, tx, token, 'email_verification');
    const user = await findUserById(tx, userId);
    // Throwing rolls the consumption back; the link is dead either way.
    if (!user || user.emailVerifiedAt) throw new AppError('invalid_token');
    const updated = await updateUser(tx, userId, { emailVerifiedAt: deps.clock.now() });
    await recordAuditEvent(deps, tx, context, { event: 'email_verified', userId });
    return updated!;
  });
  // Guesses made at this address before it had an account (which may have locked it until an
  // unlock link that nobody was sent) are not its owner's concern.
  await clearLockout(deps, verified);
  return verified;
}

/** Sends a fresh verification link when the address belongs to an unverified account. */
export async function resendVerification(deps: Deps, email: string, context: RequestContext): Promise<void> {
  const user = await findUserByEmail(deps.db, email);
  if (!user || user.emailVerifiedAt) return;
  if (!(await mayMailAddress(deps, email))) return;
  await deps.db.transaction(async (tx) => {
    await recordAuditEvent(deps, tx, context, { event: 'email_verification_sent', userId: user.id });
    const token = await issueUserToken(deps, tx, user.id, 'email_verification');
    await deps.mailer.enqueue(verificationMail(deps.config, user.email, user.name, token), { tx });
  });
}
