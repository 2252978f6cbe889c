/** Support topics and ticket states in words. */
import type { SupportTopic, TicketStatus } from '../api/support-api';

export const TOPIC_WORDS: Record<SupportTopic, string> = {
  cannot_log_in: 'I can’t log in',
  account_suspended: 'My account is suspended',
  verification: 'Confirming my email address',
  other: 'Something else',
};

export const STATUS_WORDS: Record<TicketStatus, string> = {
  open: 'Waiting for support',
  answered: 'Answered',
  closed: 'Closed',
};

/** "#42": how people quote a ticket. */
export function ticketLabel(number: number): string {
  return `#${number}`;
}
