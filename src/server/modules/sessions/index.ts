/**
 * The sessions module's door (modules/module-order.ts): what other modules may use of it.
 * Older callers still import its files directly; they are listed in
 * tests/architecture-baseline.txt and move here as they are touched.
 */
export { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from './sign-out-offer.js';
export { issueRefreshToken, rotateRefreshToken, type RefreshOutcome } from './refresh-tokens.js';
