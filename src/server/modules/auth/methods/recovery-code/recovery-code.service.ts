/**
 * Recovery codes: ten single-use codes of 16 base32 characters (80 bits), shown once when
 * created, stored as SHA-256. Creating a new set voids the old one. Input is forgiving:
 * case, spaces and dashes are ignored.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import type { Deps } from '../../../../platform/deps.js';
import { hashSecret } from '../../../../platform/secrets.js';
import { hasRowsMadeSince, rowExists } from '../../../../platform/sql.js';
import { lockUser } from '../../../accounts/accounts.queries.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { recoveryCodes } from './recovery-code.table.js';

const CODES_PER_SET = 10;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new code, shown as XXXX-XXXX-XXXX-XXXX. */
function newCode(): string {
  // 16 characters from 32 symbols: each random byte's low 5 bits pick one, uniformly.
  const chars = [...randomBytes(16)].map((byte) => ALPHABET[byte & 31]).join('');
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
      codes.map((code) => ({ codeHash: hashSecret(normalize(code)), userId, createdAt: deps.clock.now() })),
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

export async function deleteRecoveryCodes(db: Database, userId: string): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export const recoveryCodeMethod: SecondFactorMethod = {
  id: 'recovery_code',
  fallback: true,
  enabledSql: (userId) => rowExists(recoveryCodes, and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
  holdSetUpSince: (db, userId, since) => hasRowsMadeSince(db, recoveryCodes, recoveryCodes, { userId, since }),
  async verify(deps, user, response) {
    const normalized = normalize(response);
    if (!/^[A-Z2-7]{16}$/.test(normalized)) return false;
    // One conditional UPDATE: a code is used at most once, even by racing requests.
    const used = await deps.db
      .update(recoveryCodes)
      .set({ usedAt: deps.clock.now() })
      .where(
        and(
          eq(recoveryCodes.codeHash, hashSecret(normalized)),
          eq(recoveryCodes.userId, user.id),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ codeHash: recoveryCodes.codeHash });
    return used.length > 0;
  },
};
