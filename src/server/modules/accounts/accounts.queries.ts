/** The only code that reads and writes the users table. */
import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { preparedStatement } from '../../platform/prepared.js';
import { users } from './accounts.table.js';

export type UserRow = typeof users.$inferSelect;

function selectUserByEmail(db: Database, name: string) {
  return db.select().from(users).where(eq(users.email, sql.placeholder('email'))).limit(1).prepare(name);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [user] = await preparedStatement(db, 'user_by_email', selectUserByEmail).execute({ email });
  return user;
}

/**
 * The user with `email` and, in the same read, facts other modules keep about that user:
 * `facts` builds SQL expressions on the user's id (scalar subqueries) whose placeholders
 * `params` fills. Prepared once as `name`, so one name always goes with the same facts.
 * An unknown address answers undefined after the same single read.
 */
export async function findUserByEmailWith<F extends Record<string, SQL>>(
  db: Database,
  name: string,
  facts: (userId: typeof users.id) => F,
  params: { email: string } & Record<string, unknown>,
) {
  const statement = preparedStatement(db, name, (db, name) =>
    db
      .select({ user: getTableColumns(users), facts: facts(users.id) })
      .from(users)
      .where(eq(users.email, sql.placeholder('email')))
      .limit(1)
      .prepare(name),
  );
  const [row] = await statement.execute(params);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function insertUser(db: Database, user: typeof users.$inferInsert): Promise<UserRow | undefined> {
  // ON CONFLICT DO NOTHING: two sign-ups racing for one address end with one account, no error.
  const [row] = await db.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning();
  return row;
}

/**
 * Frees `email` from an account that never confirmed it (a pending sign-up), for someone who
 * has just proven the mailbox; false when a confirmed account other than `exceptUserId` holds it.
 */
export async function releaseUnconfirmedEmail(db: Database, email: string, exceptUserId: string): Promise<boolean> {
  const [holder] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!holder || holder.id === exceptUserId) return true;
  if (holder.emailVerifiedAt) return false;
  await db.delete(users).where(and(eq(users.id, holder.id), isNull(users.emailVerifiedAt)));
  return true;
}

export async function updateUser(
  db: Database,
  id: string,
  changes: Partial<Omit<typeof users.$inferInsert, 'id'>>,
): Promise<UserRow> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row!;
}

/** Reads the user and locks the row until the transaction ends (changes that must not race each other). */
export async function lockUser(db: Database, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1).for('update');
  return user;
}

/** What other people may learn of a user: name, role and when they joined, for many ids in one read. */
export async function findUserCards(
  db: Database,
  ids: readonly string[],
): Promise<{ id: string; name: string; role: UserRow['role']; createdAt: Date }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(inArray(users.id, [...ids]));
}

/** Inserts many users at once (demo data); rows whose email exists are skipped. */
export async function insertUsers(db: Database, rows: (typeof users.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(users).values(rows).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return inserted.length;
}

/** Whether any account exists (an empty database gets demo data on its first start). */
export async function hasAnyUser(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}
