/** Reads of the audit table: a user's own history, and the attempts behind a lockout. */
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { auditEvents } from './audit.table.js';

export type AuditRow = typeof auditEvents.$inferSelect;

/** The user's events, newest first, strictly older than the event `beforeId` when given. */
export async function listUserAuditEvents(
  db: Database,
  userId: string,
  page: { limit: number; beforeId?: number },
): Promise<AuditRow[]> {
  const conditions = [eq(auditEvents.userId, userId)];
  if (page.beforeId !== undefined) conditions.push(lt(auditEvents.id, page.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit);
}

/** Time and IP of the user's latest failed logins since `since`, newest first. */
export async function listRecentLoginFailures(
  db: Database,
  userId: string,
  since: Date,
  limit: number,
): Promise<{ at: Date; ip: string | null }[]> {
  return db
    .select({ at: auditEvents.at, ip: auditEvents.ip })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), eq(auditEvents.event, 'login_failed'), gte(auditEvents.at, since)))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
