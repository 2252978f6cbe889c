/**
 * The accounts module's door (modules/module-order.ts): what other modules may use of it:
 * what others may know of a user (name, role, member since) and a way to reference a user
 * from their own tables. The account modules written before the walls still import deeper
 * files (see tests/architecture-baseline.txt) and move here as they are touched.
 */
import { users } from './accounts.table.js';

/** For the foreign keys of other modules' tables. */
export { users };
export type { UserRow } from './accounts.queries.js';
export { findUserById, findUserCards, hasAnyUser, insertUsers } from './accounts.queries.js';
export { toUserView } from './user-view.js';

/** For `.references(userIdReference, { onDelete: 'cascade' })` in another module's table. */
export const userIdReference = () => users.id;

/** A row of the users table as demo data writes it. */
export type NewUserRow = typeof users.$inferInsert;
