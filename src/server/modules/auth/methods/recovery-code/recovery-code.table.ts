import { index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/accounts.table.js';

/**
 * Single-use recovery codes, ten per set. Codes carry 120 random bits, so their SHA-256 is
 * enough to store them (ASVS 6.5.2 asks a salted password hash only below 112 bits): nothing
 * guessable is behind the hash. Sets made before that carry 80 bits; they keep working until
 * used or replaced, and the settings ask their owner to make a new set.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Random bits in the code; rows from before the 120-bit codes take the default, 80. */
    entropyBits: smallint('entropy_bits').notNull().default(80),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);
