/**
 * Calls for the support desk: anyone can open a ticket (no sign-in: locked-out and suspended
 * people need it most); signed-in people read their tickets and answer; admins work the queue.
 */
import type { z } from 'zod';
import type {
  SUPPORT_MESSAGE_MAX as SHARED_MESSAGE_MAX,
  AdminSupportTicketDetailSchema,
  AdminSupportTicketListSchema,
  SupportMessageSchema,
  SupportStatus,
  SupportTicketDetailSchema,
  SupportTicketListSchema,
  SupportTicketSummarySchema,
  SupportTopic,
} from '../../shared/support-contracts';
import { apiRequest } from './client';

export type { SupportTopic };
export type TicketStatus = SupportStatus;

// Copies of the shared values (importing them would pull zod into the bundle); the types
// make a drift from the server's contract fail to compile.
/** Longest message, in characters, as the server checks it. */
export const SUPPORT_MESSAGE_MAX: typeof SHARED_MESSAGE_MAX = 5000;
export const SUPPORT_TOPICS = ['cannot_log_in', 'account_suspended', 'verification', 'other'] as const satisfies readonly SupportTopic[];

export type TicketSummary = z.infer<typeof SupportTicketSummarySchema>;
export type TicketMessage = z.infer<typeof SupportMessageSchema>;
export type TicketDetail = z.infer<typeof SupportTicketDetailSchema>;
export type AdminTicketDetail = z.infer<typeof AdminSupportTicketDetailSchema>;

/** Opens a ticket; the person gets a mail with its number. */
export function createTicket(input: { email: string; topic: SupportTopic; message: string }): Promise<{ ticketNumber: number }> {
  return apiRequest('POST', '/support/tickets', input);
}

export function listMyTickets(): Promise<z.infer<typeof SupportTicketListSchema>> {
  return apiRequest('GET', '/account/support/tickets');
}

export function getMyTicket(id: string): Promise<TicketDetail> {
  return apiRequest('GET', `/account/support/tickets/${encodeURIComponent(id)}`);
}

export function replyToMyTicket(id: string, message: string): Promise<unknown> {
  return apiRequest('POST', `/account/support/tickets/${encodeURIComponent(id)}/messages`, { message });
}

/** The admin queue, optionally only tickets with `status`. */
export function listQueue(status: TicketStatus | ''): Promise<z.infer<typeof AdminSupportTicketListSchema>> {
  return apiRequest('GET', `/admin/support/tickets${status ? `?status=${status}` : ''}`);
}

export function getQueueTicket(id: string): Promise<AdminTicketDetail> {
  return apiRequest('GET', `/admin/support/tickets/${encodeURIComponent(id)}`);
}

export function answerTicket(id: string, message: string): Promise<unknown> {
  return apiRequest('POST', `/admin/support/tickets/${encodeURIComponent(id)}/reply`, { message });
}

export function closeTicket(id: string): Promise<unknown> {
  return apiRequest('POST', `/admin/support/tickets/${encodeURIComponent(id)}/close`, {});
}
