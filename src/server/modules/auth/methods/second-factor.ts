/**
 * What a second-factor method offers the flows (login challenge, step-up). The flows know
 * only this interface; each method lives in its own folder with its table, service and
 * routes, and is listed once in methods/registry.ts.
 */
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { SecondFactorMethodSchema } from '../../../../shared/contracts.js';
import type { Database } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import type { AuthUser } from '../../sessions/sessions.service.js';

/** The method ids the API accepts and answers (one list, in shared/contracts.ts). */
export type SecondFactorMethodId = (typeof SecondFactorMethodSchema.options)[number];

/**
 * What a second-step answer is given for: one login's challenge, or step-up in one session.
 * Codes a method sends are bound to it and refused for anything else (ASVS 6.6.2).
 */
export type SecondStepFor = { loginChallengeId: string } | { stepUpSessionId: string };

/** The stored form of a binding, as one-time codes record it: `login:<id>` or `step_up:<id>`. */
export function secondStepKey(bound: SecondStepFor): string {
  return 'loginChallengeId' in bound ? `login:${bound.loginChallengeId}` : `step_up:${bound.stepUpSessionId}`;
}

export interface SecondFactorMethod {
  id: SecondFactorMethodId;
  /**
   * A fallback backs up the other methods (recovery codes): it never makes a second step
   * required on its own, and counts only while another method is set up.
   */
  fallback?: true;
  /**
   * The answer cannot be guessed online (a passkey's signature, a 120-bit recovery code), so it
   * is still checked while the account's second step is locked against guessing
   * (security/second-step-lockout.ts).
   */
  unguessable?: true;
  /**
   * Whether the user has set this method up, as a boolean SQL expression on `userId` (the
   * user's id in the registry's query). The registry asks all methods in one query, so a
   * login costs one read however many methods there are, and each method keeps its own tables.
   */
  enabledSql(userId: SQLWrapper): SQL<boolean>;
  /** Methods that deliver a code (mail, SMS) send a fresh one, good only for `bound`; others have nothing to send. */
  send?(deps: Deps, user: AuthUser, bound: SecondStepFor): Promise<void>;
  /**
   * Holds what the user set up for this method at or after `since` (a sign-in the owner
   * reported as not theirs) for the owner to review; answers whether anything was set up
   * since. Nothing is removed: whoever reported it only proved the mailbox, and removing a
   * factor the owner added would let the mailbox alone sign in. A method that can start a
   * sign-in on its own (a passkey) stops doing so until the owner keeps it; one that only
   * ever follows a password stays as it is, because after a report only the mailed reset
   * link sets a password that works.
   */
  holdSetUpSince(db: Database, userId: string, since: Date, now: Date): Promise<boolean>;
  /** Checks the person's answer given for `bound`. A true answer is used up (codes work once). */
  verify(deps: Deps, user: AuthUser, response: string, bound: SecondStepFor): Promise<boolean>;
}
