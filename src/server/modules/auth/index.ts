/**
 * The auth module's door for the marketplace. The account modules written before the walls
 * still import deeper files (tests/architecture-baseline.txt); new code goes through here.
 */
export { hasVerifiedPhone } from './methods/one-time-code/verified-phone.js';
