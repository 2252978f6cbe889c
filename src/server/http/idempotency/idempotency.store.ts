/** The only code that reads and writes idempotency_keys. */
import { and, eq, lte, or } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { idempotencyKeys } from './idempotency.table.js';

export type StoredRequest = typeof idempotencyKeys.$inferSelect;

export interface Claim {
  caller: string;
  key: string;
  fingerprint: string;
  now: Date;
  expiresAt: Date;
  /** A first request still 'in_flight' that started before this has died (its process stopped). */
  abandonedBefore: Date;
}

/**
 * Claims a key for a first execution in one statement: a new row, or one that has expired or
 * was abandoned. Answers true when this request owns the key; two racing requests cannot both.
 */
export async function claimKey(db: Database, claim: Claim): Promise<boolean> {
  const fresh = {
    fingerprint: claim.fingerprint,
    state: 'in_flight' as const,
    responseStatus: null,
    responseType: null,
    responseBody: null,
    createdAt: claim.now,
    expiresAt: claim.expiresAt,
  };
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ caller: claim.caller, key: claim.key, ...fresh })
    .onConflictDoUpdate({
      target: [idempotencyKeys.caller, idempotencyKeys.key],
      set: fresh,
      setWhere: or(
        lte(idempotencyKeys.expiresAt, claim.now),
        and(eq(idempotencyKeys.state, 'in_flight'), lte(idempotencyKeys.createdAt, claim.abandonedBefore)),
      ),
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length === 1;
}

export async function findKey(db: Database, caller: string, key: string): Promise<StoredRequest | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

export async function storeAnswer(
  db: Database,
  caller: string,
  key: string,
  answer: { status: number; type: string | null; body: string },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: answer.status, responseType: answer.type, responseBody: answer.body })
    .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)));
}

/** Lets the key be used again, for a first request whose answer is not worth keeping (5xx). */
export async function releaseKey(db: Database, caller: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight')));
}

/** Removes expired rows, so the table holds about a day of keys. */
export async function purgeExpiredKeys(db: Database, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now));
}
