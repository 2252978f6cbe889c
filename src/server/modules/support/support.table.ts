import { index, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.js';

/** Support tickets, opened with or without an account (locked-out and suspended people). */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: uuid('id').primaryKey(),
    /** The number people quote: small, sequential, not a secret. */
    number: serial('number').notNull().unique(),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    topic: text('topic', { enum: ['cannot_log_in', 'account_suspended', 'verification', 'other'] }).notNull(),
    status: text('status', { enum: ['open', 'answered', 'closed'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_tickets_status_idx').on(t.status, t.updatedAt), index('support_tickets_user_idx').on(t.userId)],
);

/** The messages of a ticket, from the person who asked or from an admin. */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    author: text('author', { enum: ['requester', 'admin'] }).notNull(),
    adminId: uuid('admin_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);
