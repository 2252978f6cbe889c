/** The auth module's public surface: what the composition root and higher modules may use. */
export { loadBreachedList } from './methods/password/breached-list.js';
