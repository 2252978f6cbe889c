/**
 * The accounts module's door for the marketplace modules: what others may know of a user
 * (name, role, member since) and a way to reference a user from their own tables. The
 * account modules written before the walls still import deeper files (see
 * tests/architecture-baseline.txt); new code goes through here.
 */
import { users } from './accounts.table.js';

export { findUserCards, hasAnyUser, insertUsers } from './accounts.queries.js';

/** For `.references(userIdReference, { onDelete: 'cascade' })` in another module's table. */
export const userIdReference = () => users.id;

/** A row of the users table as demo data writes it. */
export type NewUserRow = typeof users.$inferInsert;
