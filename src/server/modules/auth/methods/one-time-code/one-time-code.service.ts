/**
 * Six-digit codes delivered by mail or SMS (second factor, phone verification).
 *
 * - A code is 6 digits from the OS CSPRNG (node:crypto randomInt), stored as SHA-256 only,
 *   hashed together with its recipient: a code checks only against the address or number it
 *   was sent to, so a number changed in between cannot be confirmed with another's code.
 * - It lives 10 minutes and allows at most 5 tries; the fifth wrong try ends it and a new
 *   code is needed (code_expired). Five guesses in 10^6 keep the small code space safe.
 * - A second-factor code is bound to what it was sent for (one login challenge, or step-up in
 *   one session: `sentFor`) and is refused for anything else, so a code sent for one login
 *   cannot complete another login or a step-up (ASVS 6.6.2).
 * - A new code for a channel, purpose and binding voids the user's previous one. Codes sent for
 *   other logins stay: someone else starting a login does not void the owner's code.
 * - Checking a code is one conditional UPDATE that counts the try and consumes a match in the
 *   same statement, so racing requests can neither use a code twice nor get a sixth guess.
 * - Sending is limited per user and channel, and per recipient (SMS pumping, mail bombing),
 *   through the kv adapter, so every instance shares the counts.
 */
import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../../platform/deps.js';
import { generateId, hashSecret } from '../../../../platform/secrets.js';
import { AppError } from '../../../../http/errors.js';
import { oneTimeCodes } from './one-time-code.table.js';
import { spendBudget } from '../../../../http/rate-limit.js';

export type CodeChannel = (typeof oneTimeCodes.$inferSelect)['channel'];
export type CodePurpose = (typeof oneTimeCodes.$inferSelect)['purpose'];

export const CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** At most this many codes per user and channel, and per recipient, in SEND_WINDOW_MS. */
export const MAX_CODES_SENT = 5;
export const SEND_WINDOW_MS = 15 * 60_000;

/** A new code: six decimal digits, uniformly drawn (randomInt rejects modulo bias). */
function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** The stored form of a code, bound to where it was sent. */
function hashCode(recipient: string, code: string): string {
  return hashSecret(`${recipient.toLowerCase()}\n${code}`);
}

/** The rows of one user's codes for a channel, purpose and binding (`sentFor`, null for phone verification). */
function codesOf(input: { userId: string; channel: CodeChannel; purpose: CodePurpose; sentFor: string | null }): SQL {
  return and(
    eq(oneTimeCodes.userId, input.userId),
    eq(oneTimeCodes.channel, input.channel),
    eq(oneTimeCodes.purpose, input.purpose),
    input.sentFor === null ? isNull(oneTimeCodes.sentFor) : eq(oneTimeCodes.sentFor, input.sentFor),
  )!;
}

/** Accepts spaces and dashes people type inside a code ("123 456"). */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Counts one send for the user and for the recipient; throws rate_limited past the limit. */
async function countSend(deps: Pick<Deps, 'kv'>, userId: string, channel: CodeChannel, recipient: string): Promise<void> {
  const rule = { max: MAX_CODES_SENT, windowSeconds: SEND_WINDOW_MS / 1000 };
  for (const key of [`otc-send:${channel}:user:${userId}`, `otc-send:${channel}:to:${recipient}`]) {
    await spendBudget(deps.kv, key, rule);
  }
}

/**
 * Issues a fresh code for `recipient` (the address or E.164 number it will be sent to) and
 * answers it for delivery; the code itself is never stored or logged.
 */
export async function issueOneTimeCode(
  deps: Pick<Deps, 'db' | 'clock' | 'kv'>,
  input: { userId: string; channel: CodeChannel; purpose: CodePurpose; recipient: string; sentFor: string | null },
): Promise<string> {
  await countSend(deps, input.userId, input.channel, input.recipient.toLowerCase());
  const code = newCode();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // The previous code for the same thing stops working: only the newest one counts.
    await tx
      .update(oneTimeCodes)
      .set({ consumedAt: now })
      .where(and(codesOf(input), isNull(oneTimeCodes.consumedAt)));
    await tx.insert(oneTimeCodes).values({
      id: generateId(),
      userId: input.userId,
      channel: input.channel,
      purpose: input.purpose,
      sentFor: input.sentFor,
      codeHash: hashCode(input.recipient, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    });
  });
  return code;
}

/** What a try with a code came to. `used_up`: wrong, and the last try the code allowed. */
export type CodeCheck = 'accepted' | 'wrong' | 'used_up';

/**
 * Checks `input` against the user's live code sent for `sentFor`. `accepted` comes once for the
 * right code (it is used up). Throws code_expired when there is no live code: none sent for
 * this, expired, used, replaced by a newer one, or out of tries.
 */
export async function consumeOneTimeCode(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { userId: string; channel: CodeChannel; purpose: CodePurpose; recipient: string; sentFor: string | null; code: string },
): Promise<CodeCheck> {
  const code = normalizeCode(input.code);
  // A malformed answer is still a try; it gets a "hash" that no stored code has.
  const codeHash = /^\d{6}$/.test(code) ? hashCode(input.recipient, code) : 'malformed';
  const now = deps.clock.now();
  // One statement: count the try, and consume the code when it matches or when this was the
  // last try. Row locks serialize racing requests; each re-checks `consumed_at is null`.
  const rows = await deps.db
    .update(oneTimeCodes)
    .set({
      attempts: sql`${oneTimeCodes.attempts} + 1`,
      consumedAt: sql`case when ${oneTimeCodes.codeHash} = ${codeHash} or ${oneTimeCodes.attempts} + 1 >= ${MAX_CODE_ATTEMPTS} then ${now.toISOString()}::timestamptz else null end`,
    })
    .where(and(codesOf(input), isNull(oneTimeCodes.consumedAt), gt(oneTimeCodes.expiresAt, now)))
    .returning({ attempts: oneTimeCodes.attempts, matched: sql<boolean>`${oneTimeCodes.codeHash} = ${codeHash}` });
  if (rows.length === 0) throw new AppError('code_expired');
  if (rows.some((row) => row.matched)) return 'accepted';
  return rows.every((row) => row.attempts >= MAX_CODE_ATTEMPTS) ? 'used_up' : 'wrong';
}

/** Voids the user's live codes of a channel and purpose, whatever they were sent for (when a factor is turned off). */
export async function voidOneTimeCodes(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { userId: string; channel: CodeChannel; purpose: CodePurpose },
): Promise<void> {
  await deps.db
    .update(oneTimeCodes)
    .set({ consumedAt: deps.clock.now() })
    .where(
      and(
        eq(oneTimeCodes.userId, input.userId),
        eq(oneTimeCodes.channel, input.channel),
        eq(oneTimeCodes.purpose, input.purpose),
        isNull(oneTimeCodes.consumedAt),
      ),
    );
}
