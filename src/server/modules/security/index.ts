/**
 * The security module's door (modules/module-order.ts): what other modules may use of it.
 * Older callers still import its files directly; they are listed in
 * tests/architecture-baseline.txt and move here as they are touched.
 */
export {
  assertSecondStepOpen,
  checkSecondStepAnswer,
  endSecondStepLockAfterReset,
  type SecondStepAnswer,
} from './second-step-lockout.js';
export { subscribeSecurityAlertMails } from './alerts.js';
export { recordAuditEvent } from './audit.service.js';
