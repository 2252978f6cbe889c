/**
 * The second-factor methods the flows may use. Adding a method means adding its folder and
 * one line here; no flow changes.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { preparedStatement } from '../../../platform/prepared.js';
import { emailCodeMethod } from './one-time-code/email-code.method.js';
import { smsCodeMethod } from './one-time-code/sms-code.method.js';
import { passkeyMethod } from './passkey/passkey.method.js';
import { deleteRecoveryCodes, recoveryCodeMethod } from './recovery-code/recovery-code.service.js';
import type { SecondFactorMethod, SecondFactorMethodId } from './second-factor.js';
import { totpMethod } from './totp/totp.service.js';

// Passkeys first: the phishing-resistant choice is the one clients offer by default.
const METHODS: readonly SecondFactorMethod[] = [passkeyMethod, totpMethod, recoveryCodeMethod, emailCodeMethod, smsCodeMethod];

export function findSecondFactorMethod(id: string): SecondFactorMethod | undefined {
  return METHODS.find((method) => method.id === id);
}

// One row with a flag per method, each method's own expression on the user's id, which is
// the single parameter of the statement.
function selectMethodFlags(db: Database, name: string) {
  const account = sql`(select ${sql.placeholder('userId')}::uuid as id) as "account"`;
  const userId = sql`"account"."id"`;
  const flags = Object.fromEntries(METHODS.map((method) => [method.id, method.enabledSql(userId)]));
  return db.select(flags).from(account).prepare(name);
}

/** Which methods the user has set up, fallbacks included, in one read. */
async function methodFlags(deps: Pick<Deps, 'db'>, userId: string): Promise<Partial<Record<SecondFactorMethodId, boolean>>> {
  const [row] = await preparedStatement(deps.db, 'second_factor_flags', selectMethodFlags).execute({ userId });
  return row ?? {};
}

function anyPrimary(flags: Partial<Record<SecondFactorMethodId, boolean>>): boolean {
  return METHODS.some((method) => !method.fallback && flags[method.id] === true);
}

/**
 * The methods a user can complete a second step with. Fallbacks (recovery codes) never make a
 * second step required on their own: without another method the answer is empty.
 */
export async function enabledSecondFactors(deps: Deps, userId: string): Promise<SecondFactorMethodId[]> {
  const flags = await methodFlags(deps, userId);
  if (!anyPrimary(flags)) return [];
  return METHODS.filter((method) => flags[method.id] === true).map((method) => method.id);
}

/**
 * The method named `id` when the user can complete a second step with it (the same answer as
 * `enabledSecondFactors(...).includes(id)`); else undefined.
 */
export async function usableSecondFactor(deps: Deps, userId: string, id: string): Promise<SecondFactorMethod | undefined> {
  const method = findSecondFactorMethod(id);
  if (!method) return undefined;
  const flags = await methodFlags(deps, userId);
  if (flags[method.id] !== true) return undefined;
  if (method.fallback && !anyPrimary(flags)) return undefined;
  return method;
}

/**
 * After a method was removed: recovery codes back up the other methods, so with none left
 * they would only be a way in, and are deleted.
 */
export async function dropUnbackedRecoveryCodes(deps: Pick<Deps, 'db'>, userId: string): Promise<void> {
  if (!anyPrimary(await methodFlags(deps, userId))) await deleteRecoveryCodes(deps.db, userId);
}

/**
 * Holds what every method had set up at or after `since` (a sign-in the owner reported as not
 * theirs) for the owner's review, removing nothing, so the report never lowers the factors the
 * account needs. `db` may be a transaction. Answers the methods set up since.
 */
export async function holdSecondFactorsSetUpSince(db: Database, userId: string, since: Date, now: Date): Promise<SecondFactorMethodId[]> {
  const held: SecondFactorMethodId[] = [];
  for (const method of METHODS) if (await method.holdSetUpSince(db, userId, since, now)) held.push(method.id);
  return held;
}
