/** The only code that reads and writes the files table. */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { FilePurpose } from '../../../shared/files-contracts.js';
import type { Database } from '../../platform/db.js';
import { files, type FileAccess, type FileRow } from './files.table.js';

export async function insertFile(db: Database, row: FileRow): Promise<FileRow> {
  const [inserted] = await db.insert(files).values(row).returning();
  return inserted!;
}

export async function findFileById(db: Database, id: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
  return row;
}

export async function findFilesOfOwner(db: Database, ownerId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(files).where(and(eq(files.ownerId, ownerId), inArray(files.id, [...ids])));
}

export async function updateFilesAccess(db: Database, ownerId: string, ids: readonly string[], access: FileAccess): Promise<void> {
  if (ids.length === 0) return;
  await db.update(files).set({ access }).where(and(eq(files.ownerId, ownerId), inArray(files.id, [...ids])));
}

export async function deleteFilesOfOwner(db: Database, ownerId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.delete(files).where(and(eq(files.ownerId, ownerId), inArray(files.id, [...ids]))).returning();
}

/** Sets `access` on the owner's files among `shown` and 'owner' on their other files, in one statement. */
export async function updateShownFiles(db: Database, ownerId: string, purposes: readonly FilePurpose[], shown: readonly string[], access: FileAccess): Promise<void> {
  const ids = shown.length > 0 ? inArray(files.id, [...shown]) : sql`false`;
  await db
    .update(files)
    .set({ access: sql`case when ${ids} then ${access} else 'owner' end`, inUse: sql`${ids}` })
    .where(and(eq(files.ownerId, ownerId), inArray(files.purpose, [...purposes])));
}

/** Removes files of `purposes` that no page shows and that were uploaded before `cutoff`. */
export async function deleteUnusedFiles(db: Database, purposes: readonly FilePurpose[], cutoff: Date, limit: number): Promise<FileRow[]> {
  const batch = db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.inUse, false), lt(files.createdAt, cutoff), inArray(files.purpose, [...purposes])))
    .limit(limit);
  return db.delete(files).where(inArray(files.id, batch)).returning();
}
