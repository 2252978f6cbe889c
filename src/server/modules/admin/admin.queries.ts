/** Reads and writes of the admin console: user search, the admin count, audit search. */
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, ne, notInArray, or } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { users } from '../accounts/accounts.table.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import { auditEvents } from '../security/audit.table.js';
import type { AuditRow } from '../security/audit.queries.js';
import { suspensions } from './admin.table.js';
import { inForceAt, type SuspensionRow } from './suspension.service.js';

/** Escapes LIKE's wildcards and its escape character, so a search for "50%_off" means just that. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Users whose email or name contains `query` (case-insensitive), by email, after the email `afterEmail`. */
export async function searchUsers(db: Database, input: { query: string; limit: number; afterEmail?: string | undefined }): Promise<UserRow[]> {
  const conditions = [];
  const query = input.query.trim();
  if (query) {
    const pattern = `%${escapeLike(query)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern)));
  }
  if (input.afterEmail !== undefined) conditions.push(gt(users.email, input.afterEmail));
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.email))
    .limit(input.limit);
}

/** The suspensions in force at `now` for these users, newest first per user. */
export async function activeSuspensionsOf(db: Database, userIds: string[], now: Date): Promise<Map<string, SuspensionRow>> {
  const found = new Map<string, SuspensionRow>();
  if (userIds.length === 0) return found;
  const rows = await db
    .select()
    .from(suspensions)
    .where(and(inArray(suspensions.userId, userIds), inForceAt(now)))
    .orderBy(desc(suspensions.createdAt));
  for (const row of rows) if (!found.has(row.userId)) found.set(row.userId, row);
  return found;
}

/**
 * Locks every admin's user row until the transaction ends, so two admins acting on each other
 * at once are serialized and the count that follows sees the other's committed change.
 */
export async function lockAdminRows(tx: Database): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).for('update');
}

/** Admins other than `exceptUserId` who are not suspended at `now` (they could still act). */
export async function countOtherActiveAdmins(db: Database, exceptUserId: string, now: Date): Promise<number> {
  const activeSuspension = db
    .select({ userId: suspensions.userId })
    .from(suspensions)
    .where(inForceAt(now));
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.isAdmin, true), ne(users.id, exceptUserId), notInArray(users.id, activeSuspension)));
  return row?.n ?? 0;
}

export interface AuditFilter {
  userId?: string | undefined;
  event?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only events older than this id (the previous page's last). */
  beforeId?: number | undefined;
}

/** Audit events matching the filter, newest first; `to` is exclusive, `from` inclusive. */
export async function searchAuditEvents(db: Database, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const conditions = [];
  if (filter.userId) conditions.push(eq(auditEvents.userId, filter.userId));
  if (filter.event) conditions.push(eq(auditEvents.event, filter.event));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  if (filter.beforeId !== undefined) conditions.push(lt(auditEvents.id, filter.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
