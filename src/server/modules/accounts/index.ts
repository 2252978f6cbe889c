/**
 * The accounts module's door (modules/module-order.ts): what other modules may use of it.
 * `users` is here for one purpose: the foreign keys of other modules' tables. Older callers
 * still import its files directly; they are listed in tests/architecture-baseline.txt and move
 * here as they are touched.
 */
export { users } from './accounts.table.js';
export type { UserRow } from './accounts.queries.js';
