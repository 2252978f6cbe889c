/**
 * The login flow. The password method checks the credentials; the flow decides what a
 * correct or wrong answer means for the account. Unknown email and wrong password end in
 * the same 401 after the same hashing work; "email unverified" is told only to someone
 * who has just proven the password. Before the password is checked, the lockout decides
 * whether this attempt may be made at all (security/lockout.ts); afterwards it hears the outcome.
 * One read answers the user together with what the lockout needs.
 */
import type { SQLWrapper } from 'drizzle-orm';
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserByEmailWith, type UserRow } from '../../accounts/accounts.queries.js';
import { assertMaySignIn } from '../../admin/suspension.service.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { knownDeviceIdSql, knownDeviceParams, knownNetworkSql } from '../../security/known-devices.service.js';
import { beginPasswordAttempt } from '../../security/lockout.js';
import { verifyUserPassword } from '../methods/password/password.service.js';

export interface PasswordLogin {
  email: string;
  password: string;
}

// What the lockout and the new-device check need, read with the user.
const userFacts = (userId: SQLWrapper) => ({ knownDeviceId: knownDeviceIdSql(userId), knownNetwork: knownNetworkSql(userId) });

export interface PasswordSignIn {
  user: UserRow;
  /** Neither this device nor its network has signed in to the account before (see flows/new-device-check.ts). */
  newDevice: boolean;
}

/**
 * Checks email and password; answers the user (and whether the device and its network are new
 * to the account) or throws invalid_credentials / email_unverified,
 * or, before any hashing, account_locked / rate_limited. `deviceToken` is the known-device
 * token the client presented, which selects the lockout counter.
 */
export async function authenticateWithPassword(
  deps: Deps,
  input: PasswordLogin,
  context: RequestContext,
  options: { deviceToken?: string | undefined } = {},
): Promise<PasswordSignIn> {
  // One query whether or not the account exists, so registered and unknown addresses cost the same.
  const found = await findUserByEmailWith(deps.db, 'password_login_user', userFacts, {
    email: input.email,
    ...knownDeviceParams(deps, options.deviceToken, context.ip),
  });
  const user = found?.user;
  const knownDeviceId = found?.facts.knownDeviceId ?? undefined;
  const attempt = await beginPasswordAttempt(deps, { email: input.email, user, knownDeviceId }, context);
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
  // Suspension and forced reset are told only to someone who has just proven the password, and
  // read after the hashing, so a suspension made meanwhile still stops this login.
  await assertMaySignIn(deps, user, context, { method: 'password' });
  return { user, newDevice: !knownDeviceId && found?.facts.knownNetwork !== true };
}
