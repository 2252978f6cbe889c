/** Rows as the API shows them. Requesters never see which admin answered. */
import type { MessageRow, TicketRow } from './support.queries.js';

export function toTicketView(ticket: TicketRow) {
  return {
    id: ticket.id,
    number: ticket.number,
    email: ticket.email,
    topic: ticket.topic,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export function toMessageView(message: MessageRow) {
  return { id: message.id, author: message.author, body: message.body, createdAt: message.createdAt.toISOString() };
}

export function toAdminTicketView(ticket: TicketRow) {
  return { ...toTicketView(ticket), userId: ticket.userId };
}

export function toAdminMessageView(message: MessageRow) {
  return { ...toMessageView(message), adminId: message.adminId };
}
