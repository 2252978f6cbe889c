/**
 * The password method: policy, hashing and verification.
 * Verification always spends one argon2id verification, against a dummy hash when there
 * is no user or no password, so "unknown email" and "wrong password" cost the same.
 */
import type { Database } from '../../../../platform/db.js';
import type { Deps } from '../../../../platform/deps.js';
import { assessPassword, normalizePassword } from '../../../../../shared/password-policy.js';
import { AppError } from '../../../../http/errors.js';
import { updateUser, type UserRow } from '../../../accounts/accounts.queries.js';
import { checkBreachedPassword } from './breach-check.js';

/** Shown when a password is refused because a breach corpus holds it. */
export const BREACHED_PASSWORD_MESSAGE =
  'This password has appeared in a data breach, so attackers try it first. Choose another.';

/**
 * Checks a new password against the policy (length, common and context words, strength) and
 * the breach corpora, then hashes it; throws weak_password with feedback.
 */
export async function hashNewPassword(
  deps: Pick<Deps, 'hasher' | 'config' | 'log'>,
  password: string,
  context: { field: string; userInputs: string[] },
): Promise<string> {
  // The deployment's own host name is context too ("example", "workgate" of workgate.example).
  const hostWords = deps.config.publicUrl.hostname.split('.');
  const assessment = assessPassword(password, [...context.userInputs, ...hostWords]);
  if (!assessment.acceptable) {
    throw new AppError('weak_password', {
      errors: assessment.feedback.map((message) => ({ path: context.field, message })),
    });
  }
  const normalized = normalizePassword(password);
  if ((await checkBreachedPassword(deps, normalized)).breached) {
    throw new AppError('weak_password', { errors: [{ path: context.field, message: BREACHED_PASSWORD_MESSAGE }] });
  }
  return deps.hasher.hash(normalized);
}

/**
 * True when `password` is the user's password. A hash made with older parameters is
 * replaced by one with the current parameters after a successful check.
 */
export async function verifyUserPassword(
  deps: Pick<Deps, 'hasher' | 'log'>,
  db: Database,
  user: UserRow | undefined,
  password: string,
): Promise<boolean> {
  const normalized = normalizePassword(password);
  if (!user?.passwordHash) {
    await deps.hasher.verifyDummy(normalized);
    return false;
  }
  const valid = await deps.hasher.verify(user.passwordHash, normalized);
  if (valid && deps.hasher.needsRehash(user.passwordHash)) {
    await updateUser(db, user.id, { passwordHash: await deps.hasher.hash(normalized) });
    deps.log.info({ userId: user.id }, 'password hash upgraded to current parameters');
  }
  return valid;
}
