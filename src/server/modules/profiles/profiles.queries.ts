/** The only code that reads and writes the profile tables (talent search has its own, search.queries.ts). */
import { and, asc, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db.js';
import {
  certifications,
  clientProfiles,
  educationEntries,
  employmentEntries,
  freelancerProfiles,
  portfolioItems,
  profileHolds,
  type ClientRow,
  type FreelancerRow,
} from './profiles.table.js';

export async function findFreelancer(db: Database, userId: string): Promise<FreelancerRow | undefined> {
  const [row] = await db.select().from(freelancerProfiles).where(eq(freelancerProfiles.userId, userId)).limit(1);
  return row;
}

export async function findClient(db: Database, userId: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clientProfiles).where(eq(clientProfiles.userId, userId)).limit(1);
  return row;
}

/** Starts an empty freelancer profile unless one exists. */
export async function ensureFreelancer(db: Database, userId: string, now: Date): Promise<void> {
  await db.insert(freelancerProfiles).values({ userId, createdAt: now, updatedAt: now }).onConflictDoNothing();
}

export async function ensureClient(db: Database, userId: string, now: Date): Promise<void> {
  await db.insert(clientProfiles).values({ userId, createdAt: now, updatedAt: now }).onConflictDoNothing();
}

export type FreelancerChanges = Partial<Omit<typeof freelancerProfiles.$inferInsert, 'userId' | 'createdAt' | 'searchVector' | 'completeness'>>;

export async function upsertFreelancer(db: Database, userId: string, changes: FreelancerChanges, now: Date): Promise<void> {
  await db
    .insert(freelancerProfiles)
    .values({ userId, ...changes, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: freelancerProfiles.userId, set: { ...changes, updatedAt: now } });
}

export async function upsertClient(db: Database, userId: string, changes: Omit<typeof clientProfiles.$inferInsert, 'userId' | 'createdAt' | 'updatedAt'>, now: Date): Promise<void> {
  await db
    .insert(clientProfiles)
    .values({ userId, ...changes, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: clientProfiles.userId, set: { ...changes, updatedAt: now } });
}

/** The weighted document talent search matches: title A, skill names B, overview C. */
export function searchVectorOf(title: unknown, skillNames: string, overview: unknown) {
  return sql`setweight(to_tsvector('english', coalesce(${title}, '')), 'A') || setweight(to_tsvector('english', ${skillNames}), 'B') || setweight(to_tsvector('english', coalesce(${overview}, '')), 'C')`;
}

/** Writes what search reads from the row: the search document and the completeness. */
export async function writeSearchFacts(db: Database, userId: string, facts: { skillNames: string; completeness: number }): Promise<void> {
  await db
    .update(freelancerProfiles)
    .set({
      searchVector: searchVectorOf(freelancerProfiles.title, facts.skillNames, freelancerProfiles.overview) as unknown as string,
      completeness: facts.completeness,
    })
    .where(eq(freelancerProfiles.userId, userId));
}

/** The child tables of a freelancer profile, each an owned list of entries. */
export const ENTRY_TABLES = {
  portfolio: portfolioItems,
  employment: employmentEntries,
  education: educationEntries,
  certifications,
} as const;
export type EntryKind = keyof typeof ENTRY_TABLES;
type EntryTable = (typeof ENTRY_TABLES)[EntryKind];
export type EntryRow<K extends EntryKind> = (typeof ENTRY_TABLES)[K]['$inferSelect'];

export async function listEntries<K extends EntryKind>(db: Database, kind: K, userId: string): Promise<EntryRow<K>[]> {
  const table: EntryTable = ENTRY_TABLES[kind];
  return (await db.select().from(table as PgTable).where(eq(table.userId, userId)).orderBy(asc(table.createdAt), asc(table.id))) as EntryRow<K>[];
}

export async function countEntries(db: Database, kind: EntryKind, userId: string): Promise<number> {
  const table: EntryTable = ENTRY_TABLES[kind];
  const [row] = await db.select({ n: count() }).from(table as PgTable).where(eq(table.userId, userId));
  return row?.n ?? 0;
}

export async function countAllEntries(db: Database, userId: string): Promise<Record<EntryKind, number>> {
  const [row] = await db
    .select({
      portfolio: sql<number>`(select count(*)::int from ${portfolioItems} where ${portfolioItems.userId} = ${userId})`,
      employment: sql<number>`(select count(*)::int from ${employmentEntries} where ${employmentEntries.userId} = ${userId})`,
      education: sql<number>`(select count(*)::int from ${educationEntries} where ${educationEntries.userId} = ${userId})`,
      certifications: sql<number>`(select count(*)::int from ${certifications} where ${certifications.userId} = ${userId})`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}

export async function insertEntry<K extends EntryKind>(db: Database, kind: K, row: (typeof ENTRY_TABLES)[K]['$inferInsert']): Promise<EntryRow<K>> {
  const table = ENTRY_TABLES[kind] as PgTable;
  const [inserted] = await db.insert(table).values(row as never).returning();
  return inserted as EntryRow<K>;
}

/** Changes the caller's own entry; undefined when `id` is not theirs (or does not exist). */
export async function updateEntry<K extends EntryKind>(
  db: Database,
  kind: K,
  userId: string,
  id: string,
  changes: Partial<(typeof ENTRY_TABLES)[K]['$inferInsert']>,
): Promise<EntryRow<K> | undefined> {
  const table: EntryTable = ENTRY_TABLES[kind];
  if (Object.keys(changes).length === 0) {
    const [row] = await db.select().from(table as PgTable).where(and(eq(table.id, id), eq(table.userId, userId)));
    return row as EntryRow<K> | undefined;
  }
  const [row] = await db
    .update(table as PgTable)
    .set(changes as never)
    .where(and(eq(table.id, id), eq(table.userId, userId)))
    .returning();
  return row as EntryRow<K> | undefined;
}

export async function deleteEntry(db: Database, kind: EntryKind, userId: string, id: string): Promise<boolean> {
  const table: EntryTable = ENTRY_TABLES[kind];
  const removed = await db.delete(table as PgTable).where(and(eq(table.id, id), eq(table.userId, userId))).returning({ id: table.id });
  return removed.length > 0;
}

/** Whether the account's profiles are hidden at `now` (a suspension in force). */
export async function isHeld(db: Database, userId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ userId: profileHolds.userId })
    .from(profileHolds)
    .where(and(eq(profileHolds.userId, userId), or(isNull(profileHolds.until), gt(profileHolds.until, now))))
    .limit(1);
  return row !== undefined;
}

/** Hides the profiles until `until` (null: until released); the later end wins over an existing hold. */
export async function upsertHold(db: Database, userId: string, until: Date | null, now: Date): Promise<void> {
  await db
    .insert(profileHolds)
    .values({ userId, until, createdAt: now })
    .onConflictDoUpdate({
      target: profileHolds.userId,
      set: {
        until: sql`case when ${profileHolds.until} is null or excluded.until is null then null else greatest(${profileHolds.until}, excluded.until) end`,
      },
    });
}

export async function deleteHold(db: Database, userId: string): Promise<void> {
  await db.delete(profileHolds).where(eq(profileHolds.userId, userId));
}
