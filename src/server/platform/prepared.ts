/**
 * Prepared statements for the hottest queries (the session check on every request, the
 * user lookup at login). Built once per database handle: Drizzle skips rebuilding the SQL,
 * and PostgreSQL parses and plans a named statement once per connection.
 */
import type { Database } from './db.js';

const cache = new WeakMap<Database, Map<string, unknown>>();

/** The prepared statement `name` for `db`, built by `build` on first use. */
export function preparedStatement<T>(db: Database, name: string, build: (db: Database, name: string) => T): T {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  if (!statements.has(name)) statements.set(name, build(db, name));
  return statements.get(name) as T;
}
