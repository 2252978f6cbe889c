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

/** Checks a new password against the policy and hashes it; throws weak_password with feedback. */
export async function hashNewPassword(
  deps: Pick<Deps, 'hasher'>,
  password: string,
  context: { field: string; userInputs: string[] },
): Promise<string> {
  const assessment = assessPassword(password, context.userInputs);
  if (!assessment.acceptable) {
    throw new AppError('weak_password', {
      errors: assessment.feedback.map((message) => ({ path: context.field, message })),
    });
  }
  return deps.hasher.hash(normalizePassword(password));
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
