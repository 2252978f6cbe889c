/**
 * The second step of a login. After the first factor passes for an account with a second
 * factor, the client gets a challenge instead of a session: a random secret (stored as
 * SHA-256), valid 10 minutes, that survives a page reload because the client keeps it.
 * Five wrong answers end the challenge; the person starts the login again. Every answer also
 * counts against the account's second-step budget, shared by all challenges and step-up
 * (security/second-step-lockout.ts), which locks guessable answers account-wide. Completing it
 * creates a session of assurance level 2 (level 1 after a new device's mailed code, which the
 * same challenge carries: flows/new-device-check.ts).
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { generateId, generateSecret, hashSecret, looksLikeSecret } from '../../../platform/secrets.js';
import { AppError } from '../../../http/errors.js';
import { findUserById, type UserRow } from '../../accounts/accounts.queries.js';
import { recordAuditEvent } from '../../security/audit.service.js';
import { assertSecondStepOpen, checkSecondStepAnswer } from '../../security/index.js';
import { findSecondFactorMethod, usableSecondFactor } from '../methods/registry.js';
import type { SecondFactorMethodId } from '../methods/second-factor.js';
import { loginChallenges } from './login-challenge.table.js';

const CHALLENGE_LIFETIME_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

type ChallengeRow = typeof loginChallenges.$inferSelect;

export interface PendingLogin {
  client: 'browser' | 'app';
  rememberMe: boolean;
  firstFactor: string;
}

export async function createLoginChallenge(
  deps: Deps,
  user: UserRow,
  pending: PendingLogin,
  methods: SecondFactorMethodId[],
  options: { newDeviceCheck?: true } = {},
): Promise<{ challenge: string; methods: SecondFactorMethodId[]; expiresAt: string }> {
  const challenge = generateSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_LIFETIME_MS);
  await deps.db.insert(loginChallenges).values({
    id: generateId(),
    tokenHash: hashSecret(challenge),
    userId: user.id,
    ...pending,
    newDeviceCheck: options.newDeviceCheck ?? false,
    createdAt: now,
    expiresAt,
  });
  return { challenge, methods, expiresAt: expiresAt.toISOString() };
}

/** The live challenge and its user (methods that prepare a second step, e.g. passkey options, use it); else challenge_expired. */
export async function liveChallenge(deps: Deps, challenge: string): Promise<{ row: ChallengeRow; user: UserRow }> {
  if (!looksLikeSecret(challenge)) throw new AppError('challenge_expired');
  const [row] = await deps.db
    .select()
    .from(loginChallenges)
    .where(
      and(
        eq(loginChallenges.tokenHash, hashSecret(challenge)),
        isNull(loginChallenges.consumedAt),
        gt(loginChallenges.expiresAt, deps.clock.now()),
      ),
    );
  const user = row && (await findUserById(deps.db, row.userId));
  if (!row || !user) throw new AppError('challenge_expired');
  return { row, user };
}

/** A new device's check takes the mailed code whatever the account has set up; a second step, the account's own methods. */
async function usableMethod(deps: Deps, row: ChallengeRow, method: string) {
  const found = row.newDeviceCheck
    ? method === 'email_code'
      ? findSecondFactorMethod(method)
      : undefined
    : await usableSecondFactor(deps, row.userId, method);
  if (!found) throw new AppError('method_not_available');
  return found;
}

/** Sends a code for methods that deliver one (email, SMS). */
export async function sendChallengeCode(deps: Deps, input: { challenge: string; method: string }): Promise<void> {
  const { row, user } = await liveChallenge(deps, input.challenge);
  const method = await usableMethod(deps, row, input.method);
  if (!method.send) throw new AppError('method_not_available');
  // A code could not be used while codes are locked: none is sent (nor paid for).
  await assertSecondStepOpen(deps, user.id);
  // The code works for this challenge only: not for another login, not for step-up.
  await method.send(deps, user, { loginChallengeId: row.id });
}

/** Checks the second factor; answers the user and how the login was started, or throws. */
export async function completeLoginChallenge(
  deps: Deps,
  input: { challenge: string; method: string; code: string },
  context: RequestContext,
): Promise<{ user: UserRow; pending: PendingLogin; aal: 1 | 2 }> {
  const { row, user } = await liveChallenge(deps, input.challenge);
  const method = await usableMethod(deps, row, input.method);
  const answer = { method: method.id, during: 'login' as const, unguessable: method.unguessable === true };
  const valid = await checkSecondStepAnswer(deps, user, answer, context, () =>
    method.verify(deps, user, input.code, { loginChallengeId: row.id }),
  );
  if (!valid) {
    // Count the failure atomically; the fifth one ends the challenge.
    const [counted] = await deps.db
      .update(loginChallenges)
      .set({
        attempts: sql`${loginChallenges.attempts} + 1`,
        consumedAt: sql`case when ${loginChallenges.attempts} + 1 >= ${MAX_ATTEMPTS} then ${deps.clock.now().toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(loginChallenges.id, row.id), isNull(loginChallenges.consumedAt)))
      .returning({ attempts: loginChallenges.attempts });
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: user.id,
      details: { reason: 'wrong_second_factor', method: method.id, attempt: counted?.attempts ?? MAX_ATTEMPTS },
    });
    if (!counted || counted.attempts >= MAX_ATTEMPTS) throw new AppError('challenge_expired');
    throw new AppError('invalid_code');
  }
  const consumed = await deps.db
    .update(loginChallenges)
    .set({ consumedAt: deps.clock.now() })
    .where(and(eq(loginChallenges.id, row.id), isNull(loginChallenges.consumedAt)))
    .returning({ id: loginChallenges.id });
  if (consumed.length === 0) throw new AppError('challenge_expired');
  return {
    user,
    pending: { client: row.client, rememberMe: row.rememberMe, firstFactor: `${row.firstFactor}+${method.id}` },
    // A mailed code that checked a new device is not a second factor: the session stays at one.
    aal: row.newDeviceCheck ? 1 : 2,
  };
}
