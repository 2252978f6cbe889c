import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/accounts.table.js';

/**
 * One authenticator app per user. `secret` is the base32 TOTP key, sealed under
 * TOTP_SECRET_KEY when one is configured (platform/secret-box.ts); it must be readable to
 * check codes. `last_used_step` is the 30-second step of the last accepted code: a code
 * of that step or an earlier one is refused, so a code works once (RFC 6238 §5.2).
 */
export const totpFactors = pgTable('totp_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
