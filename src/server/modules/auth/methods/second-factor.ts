/**
 * What a second-factor method offers the flows (login challenge, step-up). The flows know
 * only this interface; each method lives in its own folder with its table, service and
 * routes, and is listed once in methods/registry.ts.
 */
import type { SecondFactorMethodSchema } from '../../../../shared/contracts.js';
import type { Deps } from '../../../platform/deps.js';
import type { AuthUser } from '../../sessions/sessions.service.js';

/** The method ids the API accepts and answers (one list, in shared/contracts.ts). */
export type SecondFactorMethodId = (typeof SecondFactorMethodSchema.options)[number];

export interface SecondFactorMethod {
  id: SecondFactorMethodId;
  /**
   * A fallback backs up the other methods (recovery codes): it never makes a second step
   * required on its own, and counts only while another method is set up.
   */
  fallback?: true;
  /** Whether the user has set this method up. */
  isEnabled(deps: Deps, userId: string): Promise<boolean>;
  /** Methods that deliver a code (mail, SMS) send a fresh one; others have nothing to send. */
  send?(deps: Deps, user: AuthUser): Promise<void>;
  /** Checks the person's answer. A true answer is used up (codes work once). */
  verify(deps: Deps, user: AuthUser, response: string): Promise<boolean>;
}
