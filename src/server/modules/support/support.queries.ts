/** The only code that touches the support tables. */
import { and, asc, desc, eq, isNotNull, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { SupportStatus } from '../../../shared/support-contracts.js';
import { users } from '../accounts/accounts.table.js';
import { supportMessages, supportTickets } from './support.table.js';

export type TicketRow = typeof supportTickets.$inferSelect;
export type MessageRow = typeof supportMessages.$inferSelect;

/** Inserts a ticket and answers it with its sequential number. */
export async function insertTicket(db: Database, values: Omit<TicketRow, 'number'>): Promise<TicketRow> {
  const [row] = await db.insert(supportTickets).values(values).returning();
  return row!;
}

export async function insertMessage(db: Database, values: MessageRow): Promise<void> {
  await db.insert(supportMessages).values(values);
}

export async function findTicket(db: Database, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(supportTickets).where(eq(supportTickets.id, id));
  return row;
}

/** Sets the status and the update time. */
export async function updateTicketStatus(db: Database, id: string, status: SupportStatus, at: Date): Promise<void> {
  await db.update(supportTickets).set({ status, updatedAt: at }).where(eq(supportTickets.id, id));
}

/**
 * Sets the status of a ticket that is not closed; false when it is (also when an admin closed
 * it a moment ago, after the caller read it): a closed ticket takes no reply.
 */
export async function updateUnclosedTicketStatus(db: Database, id: string, status: SupportStatus, at: Date): Promise<boolean> {
  const updated = await db
    .update(supportTickets)
    .set({ status, updatedAt: at })
    .where(and(eq(supportTickets.id, id), ne(supportTickets.status, 'closed')))
    .returning({ id: supportTickets.id });
  return updated.length > 0;
}

export async function listTicketMessages(db: Database, ticketId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.ticketId, ticketId))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
}

/** Tickets the user opened while signed in, or opened with `verifiedEmail`; newest first. */
export async function listTicketsOfRequester(
  db: Database,
  requester: { userId: string; verifiedEmail: string | null },
  limit: number,
): Promise<TicketRow[]> {
  const mine: SQL[] = [eq(supportTickets.userId, requester.userId)];
  if (requester.verifiedEmail) mine.push(eq(supportTickets.email, requester.verifiedEmail));
  return db
    .select()
    .from(supportTickets)
    .where(or(...mine))
    .orderBy(desc(supportTickets.number))
    .limit(limit);
}

/** The admin queue: tickets with `status` (any when undefined) numbered below `beforeNumber`, newest first. */
export async function listTickets(
  db: Database,
  filter: { status?: SupportStatus | undefined; beforeNumber?: number | undefined; limit: number },
): Promise<TicketRow[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(supportTickets.status, filter.status));
  if (filter.beforeNumber !== undefined) conditions.push(lt(supportTickets.number, filter.beforeNumber));
  return db
    .select()
    .from(supportTickets)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(supportTickets.number))
    .limit(filter.limit);
}

/** The account whose verified address is `email`, if any. */
export async function findVerifiedAccountIdByEmail(db: Database, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), isNotNull(users.emailVerifiedAt)));
  return row?.id ?? null;
}

/** The user's email when it is verified, else null. */
export async function findVerifiedEmailOfUser(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  return row?.verifiedAt ? row.email : null;
}
