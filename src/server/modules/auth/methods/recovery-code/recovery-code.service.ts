/**
 * Recovery codes: ten single-use codes of 24 base32 characters (120 bits), shown once when
 * created, stored as SHA-256. 120 bits put them past ASVS 6.5.2's 112, below which a salted
 * password hash would be needed; a fast hash of a secret that cannot be guessed gives a copy
 * of the database nothing to try. Creating a new set voids the old one. Input is forgiving:
 * case, spaces and dashes are ignored.
 *
 * Sets made before were 16 characters (80 bits). Their rows say so (entropy_bits = 80): such a
 * code still signs in once, so nobody loses the way back in, and the settings ask for a new set.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import type { Deps } from '../../../../platform/deps.js';
import { hashSecret } from '../../../../platform/secrets.js';
import { hasRowsMadeSince, rowExists } from '../../../../platform/sql.js';
import { lockUser } from '../../../accounts/accounts.queries.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { recoveryCodes } from './recovery-code.table.js';

const CODES_PER_SET = 10;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BITS_PER_CHARACTER = 5;
/** 24 characters of 5 bits: 120 bits. */
const CODE_LENGTH = 24;
/** The length of codes made before 120-bit codes (80 bits), still accepted against their own rows. */
const LEGACY_CODE_LENGTH = 16;
/** ASVS 6.5.2: below this a lookup secret would need a salted password hash. */
const MIN_BITS_FOR_PLAIN_HASH = 112;

/** A new code, shown as XXXX-XXXX-XXXX-XXXX-XXXX-XXXX: six groups of four, easy to read out and copy. */
function newCode(): string {
  // Each random byte's low 5 bits pick one of 32 symbols, uniformly.
  const chars = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

function normalize(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Replaces the user's codes with a fresh set and answers the codes, which are not kept. */
export async function createRecoveryCodes(deps: Pick<Deps, 'clock'>, db: Database, userId: string): Promise<string[]> {
  const codes = Array.from({ length: CODES_PER_SET }, newCode);
  // One transaction: a failure between the two statements must not leave the user without codes.
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(
      codes.map((code) => ({
        codeHash: hashSecret(normalize(code)),
        userId,
        createdAt: deps.clock.now(),
        entropyBits: CODE_LENGTH * BITS_PER_CHARACTER,
      })),
    );
  });
  return codes;
}

/**
 * For a second factor just set up: a first set of codes when the user has no unused one
 * (answered once, to be shown), else none. Call it in the transaction that sets the factor up,
 * so the factor is never on without the codes the person was meant to see.
 */
export async function recoveryCodesForNewFactor(deps: Pick<Deps, 'clock'>, db: Database, userId: string): Promise<string[]> {
  // Two factors turned on at once would each count no codes and each make a set, and the first
  // answer would show codes the second had replaced: the user row's lock puts them in turn.
  await lockUser(db, userId);
  return (await countUnusedRecoveryCodes(db, userId)) === 0 ? createRecoveryCodes(deps, db, userId) : [];
}

export async function countUnusedRecoveryCodes(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** True when an unused code of the user is of the older, 80-bit kind: the settings ask for a new set. */
export async function hasOutdatedRecoveryCodes(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt), lt(recoveryCodes.entropyBits, MIN_BITS_FOR_PLAIN_HASH)));
  return (row?.n ?? 0) > 0;
}

export async function deleteRecoveryCodes(db: Database, userId: string): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export const recoveryCodeMethod: SecondFactorMethod = {
  id: 'recovery_code',
  fallback: true,
  unguessable: true,
  enabledSql: (userId) => rowExists(recoveryCodes, and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
  holdSetUpSince: (db, userId, since) => hasRowsMadeSince(db, recoveryCodes, recoveryCodes, { userId, since }),
  async verify(deps, user, response) {
    const normalized = normalize(response);
    if (!/^[A-Z2-7]+$/.test(normalized)) return false;
    if (normalized.length !== CODE_LENGTH && normalized.length !== LEGACY_CODE_LENGTH) return false;
    // One conditional UPDATE: a code is used at most once, even by racing requests.
    const used = await deps.db
      .update(recoveryCodes)
      .set({ usedAt: deps.clock.now() })
      .where(
        and(
          eq(recoveryCodes.codeHash, hashSecret(normalized)),
          eq(recoveryCodes.userId, user.id),
          // A code matches only rows of its own length, so a short code never stands in for a long one.
          eq(recoveryCodes.entropyBits, normalized.length * BITS_PER_CHARACTER),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ codeHash: recoveryCodes.codeHash });
    return used.length > 0;
  },
};
