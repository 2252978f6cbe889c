/**
 * The mailed code for a new device (ASVS 5.0 6.3.3; GitHub's "device verification", Upwork's
 * check of "high-risk" sign-ins). An account without a second step that signs in with its
 * password from a device it does not know, on a network none of its known devices used (the
 * same /24 or /48), must also enter a six-digit code mailed to the account's address, so a
 * password guessed, phished or reused from another site's breach works only from a place the
 * owner has signed in from, or together with the mailbox.
 *
 * The answer is the second step's shape (`mfaRequired`, a challenge, `methods: ['email_code']`)
 * so every client already handles it; the code is mailed at once. A mailed code is not an
 * authenticator in NIST SP 800-63B-4's terms (email is not an out-of-band channel there), so
 * the session stays at assurance level 1: a person who wants two factors turns them on.
 * Setting: SIGN_IN_EMAIL_CODE_FOR_NEW_DEVICES (on by default).
 */
import type { Deps } from '../../../platform/deps.js';
import type { UserRow } from '../../accounts/index.js';
import { createLoginChallenge, sendChallengeCode, type PendingLogin } from './second-factor.js';

/** Starts the check: a challenge that takes only the mailed code, and the mail. */
export async function startNewDeviceCheck(deps: Deps, user: UserRow, pending: PendingLogin) {
  const challenge = await createLoginChallenge(deps, user, pending, ['email_code'], { newDeviceCheck: true });
  // The same path as a code asked for later: bound to this challenge, and not sent while the
  // account's codes are locked after wrong answers.
  await sendChallengeCode(deps, { challenge: challenge.challenge, method: 'email_code' });
  return { mfaRequired: true as const, ...challenge, reason: 'new_device' as const };
}
