/**
 * Single-use secrets for mail links. The link carries a 256-bit secret; the table keeps its
 * SHA-256. Consuming is one conditional UPDATE, so two clicks racing each other cannot both
 * succeed, and an expired or used secret fails the same way as an unknown one.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { generateSecret, hashSecret, looksLikeSecret } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import { userTokens } from './accounts.table.js';

export type TokenPurpose = (typeof userTokens.$inferSelect)['purpose'];

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  email_verification: 24 * 3_600_000,
  password_reset: 3_600_000,
  account_unlock: 24 * 3_600_000,
  email_change: 24 * 3_600_000,
  email_change_undo: 7 * 24 * 3_600_000,
  not_me: 7 * 24 * 3_600_000,
  provider_link: 3_600_000,
};

/** The row of `token` for `purpose`, unused and unexpired at `now`. */
function isLive(token: string, purpose: TokenPurpose, now: Date) {
  return and(
    eq(userTokens.tokenHash, hashSecret(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.consumedAt),
    gt(userTokens.expiresAt, now),
  );
}

export interface IssueUserTokenOptions {
  /** Data the link acts on (e.g. the new address of an email change), returned when it is used. */
  payload?: Record<string, string>;
  /** Keep earlier unused secrets of this purpose alive: each alert mail's link must keep working. */
  keepEarlier?: boolean;
}

/** Issues a new secret for `purpose`, voiding the user's earlier unused ones unless told otherwise. */
export async function issueUserToken(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  userId: string,
  purpose: TokenPurpose,
  options: IssueUserTokenOptions = {},
): Promise<string> {
  const now = deps.clock.now();
  if (!options.keepEarlier) await voidUserTokens(deps, db, userId, purpose);
  const token = generateSecret();
  await db.insert(userTokens).values({
    tokenHash: hashSecret(token),
    userId,
    purpose,
    payload: options.payload ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
  });
  return token;
}

/**
 * Marks the user's live secrets of `purpose` as consumed (expired ones already do nothing);
 * answers when the oldest of them was issued.
 */
export async function voidUserTokens(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  userId: string,
  purpose: TokenPurpose,
): Promise<Date | undefined> {
  const now = deps.clock.now();
  const voided = await db
    .update(userTokens)
    .set({ consumedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.consumedAt), gt(userTokens.expiresAt, now)))
    .returning({ issuedAt: userTokens.createdAt });
  return voided.reduce<Date | undefined>((oldest, { issuedAt }) => (!oldest || issuedAt < oldest ? issuedAt : oldest), undefined);
}

/** Uses a secret once; throws invalid_token when it is unknown, used or expired. */
export async function consumeUserToken(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  token: string,
  purpose: TokenPurpose,
): Promise<string> {
  return (await consumeUserTokenWithPayload(deps, db, token, purpose)).userId;
}

/** Like consumeUserToken, and answers the payload stored with the secret too. */
export async function consumeUserTokenWithPayload(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  token: string,
  purpose: TokenPurpose,
): Promise<{ userId: string; payload: Record<string, string>; issuedAt: Date }> {
  if (!looksLikeSecret(token)) throw new AppError('invalid_token');
  const now = deps.clock.now();
  const [row] = await db
    .update(userTokens)
    .set({ consumedAt: now })
    .where(
      isLive(token, purpose, now),
    )
    .returning({ userId: userTokens.userId, payload: userTokens.payload, issuedAt: userTokens.createdAt });
  if (!row) throw new AppError('invalid_token');
  return { userId: row.userId, payload: row.payload ?? {}, issuedAt: row.issuedAt };
}

/** The owner of a live secret without using it up; throws invalid_token like consumeUserToken. */
export async function peekUserToken(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  token: string,
  purpose: TokenPurpose,
): Promise<string> {
  if (!looksLikeSecret(token)) throw new AppError('invalid_token');
  const [row] = await db
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(
      isLive(token, purpose, deps.clock.now()),
    )
    .limit(1);
  if (!row) throw new AppError('invalid_token');
  return row.userId;
}
