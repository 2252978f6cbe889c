/** The only code that reads and writes connected provider accounts. */
import { and, count, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import { generateId } from '../../../../platform/secrets.js';
import { userIdentities } from './identity.table.js';

export type IdentityRow = typeof userIdentities.$inferSelect;

export async function findIdentity(db: Database, provider: string, subject: string): Promise<IdentityRow | undefined> {
  const [row] = await db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)))
    .limit(1);
  return row;
}

export function listIdentities(db: Database, userId: string): Promise<IdentityRow[]> {
  return db.select().from(userIdentities).where(eq(userIdentities.userId, userId)).orderBy(userIdentities.createdAt);
}

export async function countIdentities(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userIdentities).where(eq(userIdentities.userId, userId));
  return row?.n ?? 0;
}

/**
 * Connects a provider account; answers the row, or undefined when that provider account is
 * already connected (to this or another account: the unique index decides, also under races).
 */
export async function insertIdentity(
  db: Database,
  identity: { userId: string; provider: string; subject: string; email: string | null; now: Date },
): Promise<IdentityRow | undefined> {
  const [row] = await db
    .insert(userIdentities)
    .values({
      id: generateId(),
      userId: identity.userId,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      createdAt: identity.now,
    })
    .onConflictDoNothing({ target: [userIdentities.provider, userIdentities.subject] })
    .returning();
  return row;
}

/** Records a sign-in with the identity and the address the provider gave this time. */
export async function touchIdentity(db: Database, id: string, email: string | null, now: Date): Promise<void> {
  await db.update(userIdentities).set({ lastUsedAt: now, ...(email ? { email } : {}) }).where(eq(userIdentities.id, id));
}

export async function deleteIdentity(db: Database, userId: string, id: string): Promise<IdentityRow | undefined> {
  const [row] = await db
    .delete(userIdentities)
    .where(and(eq(userIdentities.id, id), eq(userIdentities.userId, userId)))
    .returning();
  return row;
}

/**
 * Holds the providers connected at or after `since` (a sign-in the owner reported): they sign
 * no one in until the owner, signed in again, keeps or disconnects them. Answers their names.
 */
export async function holdIdentitiesLinkedSince(db: Database, userId: string, since: Date, now: Date): Promise<string[]> {
  const held = await db
    .update(userIdentities)
    .set({ heldAt: now })
    .where(and(eq(userIdentities.userId, userId), gte(userIdentities.createdAt, since), isNull(userIdentities.heldAt)))
    .returning({ provider: userIdentities.provider });
  return held.map((row) => row.provider);
}

/** Releases one of the user's held connections; undefined when the user has no held connection with that id. */
export async function releaseHeldIdentity(db: Database, userId: string, id: string): Promise<IdentityRow | undefined> {
  const [row] = await db
    .update(userIdentities)
    .set({ heldAt: null })
    .where(and(eq(userIdentities.id, id), eq(userIdentities.userId, userId), isNotNull(userIdentities.heldAt)))
    .returning();
  return row;
}
