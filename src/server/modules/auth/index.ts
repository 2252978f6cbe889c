/**
 * The auth module's door: what the composition root and higher modules may use. The account
 * modules written before the walls still import deeper files (tests/architecture-baseline.txt);
 * new code goes through here.
 */
export { loadBreachedList } from './methods/password/breached-list.js';
export { hasVerifiedPhone } from './methods/one-time-code/verified-phone.js';
export { appAssociationRoutes } from './methods/passkey/app-association.routes.js';
