/**
 * Support tickets. Anyone may open one, signed in or not (locked-out and suspended
 * people most of all), so:
 * - opening answers the same for every address and does the same work: no account lookup,
 *   so neither the answer nor its timing tells whether the address is registered;
 * - a ticket is linked to an account only through a live session, never through the typed
 *   address; a signed-in person also sees tickets opened with their verified address;
 * - the confirmation mail counts against the per-address mail cap, so the form cannot be
 *   used to flood a mailbox (the ticket is still stored and the answer still 202);
 * - admin replies go to the ticket's address only: whoever typed it cannot read them
 *   without its mailbox (or an account that verified it).
 */
import type { Deps, RequestContext } from '../../platform/deps.js';
import { generateId } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import type { OpenSupportTicket, SupportStatus } from '../../../shared/support-contracts.js';
import { mayMailAddress } from '../accounts/accounts.service.js';
import { recordAuditEvent } from '../security/audit.service.js';
import {
  findTicket,
  findVerifiedAccountIdByEmail,
  findVerifiedEmailOfUser,
  insertMessage,
  insertTicket,
  listTicketMessages,
  listTickets,
  listTicketsOfRequester,
  updateTicketStatus,
  updateUnclosedTicketStatus,
  type MessageRow,
  type TicketRow,
} from './support.queries.js';
import { ticketAnsweredMail, ticketOpenedMail } from './support.mail.js';

const OWN_TICKETS_SHOWN = 100;

/** Opens a ticket with its first message; answers its number. */
export async function openTicket(
  deps: Deps,
  input: OpenSupportTicket,
  requester: { userId: string | null },
  context: RequestContext,
): Promise<number> {
  const now = deps.clock.now();
  const ticket = await deps.db.transaction(async (tx) => {
    const row = await insertTicket(tx, {
      id: generateId(),
      email: input.email,
      userId: requester.userId,
      topic: input.topic,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    await insertMessage(tx, { id: generateId(), ticketId: row.id, author: 'requester', adminId: null, body: input.message, createdAt: now });
    await recordAuditEvent(deps, tx, context, {
      event: 'support_ticket_opened',
      userId: requester.userId,
      details: { ticketId: row.id, ticketNumber: row.number, topic: input.topic },
    });
    return row;
  });
  if (await mayMailAddress(deps, input.email)) {
    await deps.mailer.enqueue(ticketOpenedMail(deps.config, input.email, ticket.number));
  }
  return ticket.number;
}

/** The user's own tickets: opened while signed in, or with their verified address. */
export async function listOwnTickets(deps: Deps, userId: string): Promise<TicketRow[]> {
  const verifiedEmail = await findVerifiedEmailOfUser(deps.db, userId);
  return listTicketsOfRequester(deps.db, { userId, verifiedEmail }, OWN_TICKETS_SHOWN);
}

/** A ticket of the user's own; 404 not_found for any other, so ids of others reveal nothing. */
async function ownTicket(deps: Deps, userId: string, ticketId: string): Promise<TicketRow> {
  const ticket = await findTicket(deps.db, ticketId);
  if (ticket) {
    if (ticket.userId === userId) return ticket;
    const verifiedEmail = await findVerifiedEmailOfUser(deps.db, userId);
    if (verifiedEmail !== null && ticket.email === verifiedEmail) return ticket;
  }
  throw new AppError('not_found');
}

export async function getOwnTicket(
  deps: Deps,
  userId: string,
  ticketId: string,
): Promise<{ ticket: TicketRow; messages: MessageRow[] }> {
  const ticket = await ownTicket(deps, userId, ticketId);
  return { ticket, messages: await listTicketMessages(deps.db, ticket.id) };
}

/** The requester writes again; an answered ticket opens again. Closed tickets take no replies. Answers the ticket as it now stands. */
export async function replyAsRequester(
  deps: Deps,
  userId: string,
  ticketId: string,
  message: string,
  context: RequestContext,
): Promise<{ ticket: TicketRow; messages: MessageRow[] }> {
  const ticket = await ownTicket(deps, userId, ticketId);
  if (ticket.status === 'closed') throw new AppError('ticket_closed');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Status first: a ticket closed since it was read refuses the reply, and nothing is written.
    if (!(await updateUnclosedTicketStatus(tx, ticketId, 'open', now))) throw new AppError('ticket_closed');
    await insertMessage(tx, { id: generateId(), ticketId, author: 'requester', adminId: null, body: message, createdAt: now });
    await recordAuditEvent(deps, tx, context, {
      event: 'support_ticket_replied',
      userId,
      details: { ticketId, ticketNumber: ticket.number },
    });
  });
  return { ticket: { ...ticket, status: 'open', updatedAt: now }, messages: await listTicketMessages(deps.db, ticketId) };
}

/** The admin queue, newest first, a page at a time. */
export async function listQueue(
  deps: Deps,
  query: { status?: SupportStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<{ tickets: TicketRow[]; nextCursor: string | null }> {
  const rows = await listTickets(deps.db, {
    status: query.status,
    beforeNumber: query.cursor === undefined ? undefined : Number(query.cursor),
    limit: query.limit + 1,
  });
  const tickets = rows.slice(0, query.limit);
  return { tickets, nextCursor: rows.length > query.limit ? String(tickets.at(-1)!.number) : null };
}

async function existingTicket(deps: Deps, ticketId: string): Promise<TicketRow> {
  const ticket = await findTicket(deps.db, ticketId);
  if (!ticket) throw new AppError('not_found');
  return ticket;
}

/** A ticket as an admin sees it; reading a ticket (personal data) is audited. */
export async function getTicketForAdmin(
  deps: Deps,
  adminId: string,
  ticketId: string,
  context: RequestContext,
): Promise<{ ticket: TicketRow; messages: MessageRow[]; emailAccountId: string | null }> {
  const ticket = await existingTicket(deps, ticketId);
  const [messages, emailAccountId] = await Promise.all([
    listTicketMessages(deps.db, ticket.id),
    findVerifiedAccountIdByEmail(deps.db, ticket.email),
  ]);
  await recordAuditEvent(deps, deps.db, context, {
    event: 'support_ticket_viewed',
    userId: adminId,
    details: { adminId, ticketId, ticketNumber: ticket.number, requesterId: ticket.userId },
  });
  return { ticket, messages, emailAccountId };
}

/** An admin answers: the ticket becomes answered and the reply is mailed to its address. */
export async function answerTicket(
  deps: Deps,
  adminId: string,
  ticketId: string,
  message: string,
  context: RequestContext,
): Promise<TicketRow> {
  const ticket = await existingTicket(deps, ticketId);
  if (ticket.status === 'closed') throw new AppError('ticket_closed');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await updateUnclosedTicketStatus(tx, ticketId, 'answered', now))) throw new AppError('ticket_closed');
    await insertMessage(tx, { id: generateId(), ticketId, author: 'admin', adminId, body: message, createdAt: now });
    await recordAuditEvent(deps, tx, context, {
      event: 'support_ticket_answered',
      userId: adminId,
      details: { adminId, ticketId, ticketNumber: ticket.number, requesterId: ticket.userId },
    });
    // Not held to the per-address cap: an admin's answer is the one mail the person is waiting for.
    await deps.mailer.enqueue(ticketAnsweredMail(deps.config, ticket.email, ticket.number, message), { tx });
  });
  return { ...ticket, status: 'answered', updatedAt: now };
}

/** An admin closes a ticket; the reason is kept in the audit log. Closing twice is harmless. */
export async function closeTicket(
  deps: Deps,
  adminId: string,
  ticketId: string,
  reason: string | undefined,
  context: RequestContext,
): Promise<TicketRow> {
  const ticket = await existingTicket(deps, ticketId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await updateTicketStatus(tx, ticketId, 'closed', now);
    await recordAuditEvent(deps, tx, context, {
      event: 'support_ticket_closed',
      userId: adminId,
      details: { adminId, ticketId, ticketNumber: ticket.number, requesterId: ticket.userId, reason: reason ?? null },
    });
  });
  return { ...ticket, status: 'closed', updatedAt: now };
}
