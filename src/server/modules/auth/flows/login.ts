/**
 * The login flow. The password method checks the credentials; the flow decides what a
 * correct or wrong answer means for the account. Unknown email and wrong password end in
 * the same 401 after the same hashing work; "email unverified" is told only to someone
 * who has just proven the password. Before the password is checked, the lockout decides
 * whether this attempt may be made at all (security/lockout.ts); afterwards it hears the outcome.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserByEmail, type UserRow } from '../../accounts/accounts.queries.js';
import { assertMaySignInWithPassword } from '../../admin/suspension.service.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { beginPasswordAttempt } from '../../security/lockout.js';
import { verifyUserPassword } from '../methods/password/password.service.js';

export interface PasswordLogin {
  email: string;
  password: string;
}

/**
 * Checks email and password; answers the user or throws invalid_credentials / email_unverified,
 * or, before any hashing, account_locked / rate_limited. `deviceToken` is the known-device
 * token the client presented, which selects the lockout counter.
 */
export async function authenticateWithPassword(
  deps: Deps,
  input: PasswordLogin,
  context: RequestContext,
  options: { deviceToken?: string | undefined } = {},
): Promise<UserRow> {
  const user = await findUserByEmail(deps.db, input.email);
  const attempt = await beginPasswordAttempt(deps, { email: input.email, user, deviceToken: options.deviceToken }, context);
  const valid = await verifyUserPassword(deps, deps.db, user, input.password);
  if (!user || !valid) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user?.id ?? null,
      details: { reason: user ? 'wrong_password' : 'unknown_email', method: 'password' },
    });
    await attempt.failed();
    throw new AppError('invalid_credentials');
  }
  await attempt.succeeded();
  if (!user.emailVerifiedAt) {
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user.id,
      details: { reason: 'email_unverified', method: 'password' },
    });
    throw new AppError('email_unverified');
  }
  // Suspension and forced reset are told only to someone who has just proven the password.
  await assertMaySignInWithPassword(deps, user, context);
  return user;
}
