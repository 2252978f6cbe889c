/**
 * Request and response shapes of support tickets, for the server, the web app and
 * any client. Kept beside contracts.ts, whose EmailSchema it uses.
 * Objects are strict: an unknown field is a validation error, never stored.
 */
import { z } from 'zod';
import { EmailSchema } from './contracts.js';

// C0/C1 control characters except tab, line feed and carriage return (a message has lines),
// and the bidirectional overrides and isolates that can disguise text.
const FORBIDDEN_IN_MESSAGE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Limit of a message, in characters. */
export const SUPPORT_MESSAGE_MAX = 5000;

export const SupportMessageTextSchema = z
  .string()
  .max(SUPPORT_MESSAGE_MAX, `Use at most ${SUPPORT_MESSAGE_MAX} characters.`)
  .refine((value) => !FORBIDDEN_IN_MESSAGE.test(value), 'Remove control characters.')
  .trim()
  .min(1, 'Write a message.');

export const SupportTopicSchema = z.enum(['cannot_log_in', 'account_suspended', 'verification', 'other']);
export type SupportTopic = z.infer<typeof SupportTopicSchema>;

export const SupportStatusSchema = z.enum(['open', 'answered', 'closed']);
export type SupportStatus = z.infer<typeof SupportStatusSchema>;

/** POST /support/tickets: open a ticket, signed in or not. */
export const OpenSupportTicketSchema = z.strictObject({
  email: EmailSchema,
  topic: SupportTopicSchema,
  message: SupportMessageTextSchema,
});
export type OpenSupportTicket = z.infer<typeof OpenSupportTicketSchema>;

/** The same answer whether or not the address has an account. */
export const SupportTicketOpenedSchema = z.object({ ticketNumber: z.number().int() });

/** A reply, from the person who asked or from an admin. */
export const SupportReplySchema = z.strictObject({ message: SupportMessageTextSchema });

/** Closing a ticket; the reason stays in the audit log. Body optional. */
export const CloseSupportTicketSchema = z
  .strictObject({
    reason: z
      .string()
      .max(500, 'Use at most 500 characters.')
      .refine((value) => !FORBIDDEN_IN_MESSAGE.test(value), 'Remove control characters.')
      .optional(),
  })
  .nullish();

export const SupportTicketIdParamsSchema = z.strictObject({ id: z.uuid() });

export const SupportTicketSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  email: z.string(),
  topic: SupportTopicSchema,
  status: SupportStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SupportMessageSchema = z.object({
  id: z.string(),
  author: z.enum(['requester', 'admin']),
  body: z.string(),
  createdAt: z.string(),
});

export const SupportTicketListSchema = z.object({ tickets: z.array(SupportTicketSummarySchema) });
export const SupportTicketDetailSchema = z.object({
  ticket: SupportTicketSummarySchema,
  messages: z.array(SupportMessageSchema),
});

// --- Admin views ---

export const AdminSupportTicketQuerySchema = z.strictObject({
  status: SupportStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page: only older tickets (lower numbers) are listed. */
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, 'Use the nextCursor value of the previous page.')
    // Ticket numbers are PostgreSQL integers; a larger cursor would answer 500.
    .refine((value) => Number(value) <= 2_147_483_647, 'Use the nextCursor value of the previous page.')
    .optional(),
});

export const AdminSupportTicketSummarySchema = SupportTicketSummarySchema.extend({
  /** The account signed in when the ticket was opened; null for anonymous tickets. */
  userId: z.string().nullable(),
});
export const AdminSupportTicketListSchema = z.object({
  tickets: z.array(AdminSupportTicketSummarySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const AdminSupportMessageSchema = SupportMessageSchema.extend({ adminId: z.string().nullable() });
export const AdminSupportTicketDetailSchema = z.object({
  ticket: AdminSupportTicketSummarySchema.extend({
    /**
     * The account whose verified email is the ticket's address, if any. Anyone can type an
     * address, so this is a hint, not proof: replies go only to the address's mailbox.
     */
    emailAccountId: z.string().nullable(),
  }),
  messages: z.array(AdminSupportMessageSchema),
});
