import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import { phoneNumbers } from './one-time-code.table.js';

/** Whether the account has confirmed a phone number by code (profile completeness counts it). */
export async function hasVerifiedPhone(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: phoneNumbers.userId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.userId, userId), isNotNull(phoneNumbers.verifiedAt)))
    .limit(1);
  return row !== undefined;
}
