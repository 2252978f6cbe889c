/** The only code that reads and writes the passkeys table. */
import { and, asc, count, eq, gte, isNotNull, isNull, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import { rowExists } from '../../../../platform/sql.js';
import { passkeys } from './passkey.table.js';

export type PasskeyRow = typeof passkeys.$inferSelect;

/** A user's passkeys, oldest first. */
export function listPasskeys(db: Database, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

export async function countPasskeys(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return row?.n ?? 0;
}

/** Whether the user `userId` (an SQL expression) has a passkey, as part of a larger query. */
export function hasPasskeySql(userId: SQLWrapper): SQL<boolean> {
  return rowExists(passkeys, eq(passkeys.userId, userId));
}

/** The passkey with this credential id, whoever owns it. */
export async function findPasskeyByCredentialId(db: Database, credentialId: string): Promise<PasskeyRow | undefined> {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row;
}

/** Inserts a passkey; answers undefined when its credential id is already registered (to anyone). */
export async function insertPasskey(db: Database, row: typeof passkeys.$inferInsert): Promise<PasskeyRow | undefined> {
  const [inserted] = await db.insert(passkeys).values(row).onConflictDoNothing({ target: passkeys.credentialId }).returning();
  return inserted;
}

/** Renames one of the user's passkeys; undefined when the user has no passkey with that id. */
export async function renamePasskey(db: Database, userId: string, id: string, name: string): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row;
}

/** Deletes one of the user's passkeys; undefined when the user has no passkey with that id. */
export async function deletePasskey(db: Database, userId: string, id: string): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row;
}

/**
 * Records a successful assertion: the new signature counter, the backup state and the time.
 * Only when the counter is still the one the verification compared against, so of two
 * assertions racing from a cloned authenticator at most one moves the counter forward.
 */
export async function recordPasskeyUse(
  db: Database,
  passkey: Pick<PasskeyRow, 'id' | 'counter'>,
  use: { counter: number; backedUp: boolean; at: Date },
): Promise<boolean> {
  const updated = await db
    .update(passkeys)
    .set({ counter: use.counter, backedUp: use.backedUp, lastUsedAt: use.at })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning({ id: passkeys.id });
  return updated.length > 0;
}

/**
 * Holds the user's passkeys made at or after `since` (see SecondFactorMethod.holdSetUpSince);
 * answers whether the user made any since, held now or before.
 */
export async function holdPasskeysMadeSince(db: Database, userId: string, since: Date, now: Date): Promise<boolean> {
  const made = and(eq(passkeys.userId, userId), gte(passkeys.createdAt, since));
  await db.update(passkeys).set({ heldAt: now }).where(and(made, isNull(passkeys.heldAt)));
  const [row] = await db.select({ n: count() }).from(passkeys).where(made);
  return (row?.n ?? 0) > 0;
}

/** Releases one of the user's held passkeys; undefined when the user has no held passkey with that id. */
export async function releaseHeldPasskey(db: Database, userId: string, id: string): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .update(passkeys)
    .set({ heldAt: null })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId), isNotNull(passkeys.heldAt)))
    .returning();
  return row;
}
