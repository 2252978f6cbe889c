/**
 * Authenticator apps (TOTP, RFC 6238): SHA-1, 6 digits, 30-second steps. A code is accepted
 * during its own step and the next one, so it lives at most 60 s (ASVS 6.5.5); a code of the
 * step still to come is refused, since only a clock running fast would show it. Enrolment creates an unconfirmed secret, shown as a QR code and
 * as text; the first correct code confirms it. An accepted code's step is remembered and no
 * code of that step or an earlier one is accepted again (no replay).
 */
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Deps } from '../../../../platform/deps.js';
import { hasRowsMadeSince, rowExists } from '../../../../platform/sql.js';
import { AppError } from '../../../../http/errors.js';
import type { AuthUser } from '../../../sessions/sessions.service.js';
import type { SecondFactorMethod } from '../second-factor.js';
import { createSecretBox, type SecretBox } from '../../../../platform/secret-box.js';
import { totpFactors } from './totp.table.js';

const PERIOD = 30;
const boxes = new WeakMap<Deps['config'], SecretBox>();
/** The box that seals and opens secrets under the configured key (one per configuration). */
function secretBox(deps: Pick<Deps, 'config'>): SecretBox {
  let box = boxes.get(deps.config);
  if (!box) boxes.set(deps.config, (box = createSecretBox(deps.config.totpSecretKey)));
  return box;
}

const DIGITS = 6;
const ISSUER = 'Workgate';

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export interface TotpEnrollment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Starts (or restarts) enrolment with a new 160-bit secret; nothing changes for login until confirmed. */
export async function startTotpEnrollment(deps: Deps, user: AuthUser): Promise<TotpEnrollment> {
  const secret = new Secret({ size: 20 }).base32;
  const sealed = await secretBox(deps).seal(secret);
  const stored = await deps.db
    .insert(totpFactors)
    .values({ userId: user.id, secret: sealed, createdAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: totpFactors.userId,
      set: { secret: sealed, createdAt: deps.clock.now(), lastUsedStep: null },
      // A confirmed authenticator is replaced only by removing it first.
      setWhere: isNull(totpFactors.confirmedAt),
    })
    .returning({ userId: totpFactors.userId });
  // No row: the conflict met a confirmed authenticator and nothing was written.
  if (stored.length === 0) throw new AppError('already_enabled');
  const otpauthUrl = totpFor(secret, user.email).toString();
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

/**
 * Accepts `code` when it is the current or the previous step's code and its step is newer
 * than the last accepted one; the step is recorded in the same statement, so two requests
 * racing with one code cannot both pass.
 */
async function acceptCode(deps: Deps, userId: string, input: string, options: { confirming: boolean }): Promise<boolean> {
  // People type codes with a space in the middle, as apps show them ("123 456").
  const code = input.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return false;
  const [row] = await deps.db.select().from(totpFactors).where(eq(totpFactors.userId, userId));
  if (!row || (options.confirming ? row.confirmedAt !== null : row.confirmedAt === null)) return false;
  const box = secretBox(deps);
  let secret: string;
  try {
    secret = await box.open(row.secret);
  } catch (error) {
    // A key that does not open the stored secret is the operator's error, not the person's:
    // 503, and no try of theirs is counted.
    deps.log.error({ err: error, userId }, 'an authenticator secret could not be opened: is TOTP_SECRET_KEY the key it was sealed with?');
    throw new AppError('service_unavailable');
  }
  const timestamp = deps.clock.now().getTime();
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp, window: 1 });
  // The window of one step is searched both ways; the next step's code (delta 1) is refused, so
  // a code read off the app keeps working for the step it was shown in and one step more.
  if (delta === null || delta > 0) return false;
  const step = TOTP.counter({ period: PERIOD, timestamp }) + delta;
  const accepted = await deps.db
    .update(totpFactors)
    .set({
      lastUsedStep: step,
      ...(options.confirming ? { confirmedAt: deps.clock.now() } : {}),
      // A secret stored before the key was set is sealed now.
      ...(box.isPlain(row.secret) ? { secret: await box.seal(secret) } : {}),
    })
    .where(
      and(
        eq(totpFactors.userId, userId),
        // The secret the code was checked against: a re-enrolment in between voids the code.
        eq(totpFactors.secret, row.secret),
        or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step)),
      ),
    )
    .returning({ userId: totpFactors.userId });
  return accepted.length > 0;
}

/** Confirms enrolment with the first code from the app. */
export function confirmTotpEnrollment(deps: Deps, user: AuthUser, code: string): Promise<boolean> {
  return acceptCode(deps, user.id, code, { confirming: true });
}

/** Removes the authenticator app. */
export async function removeTotp(deps: Deps, userId: string): Promise<boolean> {
  const removed = await deps.db.delete(totpFactors).where(eq(totpFactors.userId, userId)).returning();
  return removed.some((row) => row.confirmedAt !== null);
}

export const totpMethod: SecondFactorMethod = {
  id: 'totp',
  // Only a confirmed authenticator counts: enrolment alone changes nothing for login.
  enabledSql: (userId) => rowExists(totpFactors, and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt))),
  // Enrolment rewrites created_at, so an authenticator replaced by the intruder goes too.
  holdSetUpSince: (db, userId, since) => hasRowsMadeSince(db, totpFactors, totpFactors, { userId, since }),
  verify: (deps, user, response) => acceptCode(deps, user.id, response, { confirming: false }),
};
