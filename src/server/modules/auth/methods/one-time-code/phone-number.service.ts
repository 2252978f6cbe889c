/**
 * The account's phone number: parsed with libphonenumber-js (full metadata), stored in E.164
 * and confirmed by a code sent to it before it can receive second-factor codes.
 *
 * - Numbers that cannot receive text messages or cost the sender extra (fixed lines where the
 *   plan says so, premium-rate, toll-free, shared-cost, pagers) are refused: SMS pumping fraud
 *   sends codes to premium numbers.
 * - While SMS codes are turned on, the number cannot be replaced: the account would otherwise
 *   keep a second factor on a number nobody has confirmed. Turn SMS codes off first.
 */
import { and, eq, isNotNull, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Database } from '../../../../platform/db.js';
import type { Deps } from '../../../../platform/deps.js';
import { hasRowsMadeSince, rowExists } from '../../../../platform/sql.js';
import { AppError } from '../../../../http/errors.js';
import type { AuthUser } from '../../../sessions/sessions.service.js';
import { isChannelFactorEnabled } from './channel-factor.service.js';
import { phoneVerificationSms } from './one-time-code.messages.js';
import { consumeOneTimeCode, issueOneTimeCode } from './one-time-code.service.js';
import { phoneNumbers } from './one-time-code.table.js';

const REFUSED_TYPES = new Set(['FIXED_LINE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL']);

export interface PhoneStatus {
  /** E.164, e.g. +447400123456. */
  phone: string;
  verified: boolean;
}

function invalidPhone(message: string, path = 'phone'): AppError {
  return new AppError('validation_failed', { errors: [{ path, message }] });
}

/**
 * Parses what a person typed into E.164. `country` (ISO 3166 alpha-2) reads national formats
 * such as "07400 123456"; a number starting with + needs no country.
 */
export function parsePhoneNumber(input: string, country?: string): string {
  if (country !== undefined && !isSupportedCountry(country)) throw invalidPhone('Choose a country from the list.', 'country');
  const parsed = parsePhoneNumberFromString(input, { defaultCountry: country as CountryCode | undefined, extract: false });
  if (!parsed?.isValid()) {
    throw invalidPhone(
      country || input.trim().startsWith('+')
        ? 'Enter a valid phone number.'
        : 'Enter the number with its country code, e.g. +44 7400 123456, or choose a country.',
    );
  }
  const type = parsed.getType();
  if (type && REFUSED_TYPES.has(type)) throw invalidPhone('Enter a mobile number that can receive text messages.');
  return parsed.number;
}

export async function findPhoneStatus(deps: Pick<Deps, 'db'>, userId: string): Promise<PhoneStatus | null> {
  const [row] = await deps.db.select().from(phoneNumbers).where(eq(phoneNumbers.userId, userId));
  return row ? { phone: row.e164, verified: row.verifiedAt !== null } : null;
}

/** The confirmed number that receives SMS codes, if any. */
export async function findVerifiedPhone(deps: Pick<Deps, 'db'>, userId: string): Promise<string | undefined> {
  const [row] = await deps.db
    .select({ e164: phoneNumbers.e164 })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.userId, userId), isNotNull(phoneNumbers.verifiedAt)));
  return row?.e164;
}

/** Whether the user `userId` (an SQL expression) has a confirmed number, as part of a larger query. */
export function hasVerifiedPhoneSql(userId: SQLWrapper): SQL<boolean> {
  return rowExists(phoneNumbers, and(eq(phoneNumbers.userId, userId), isNotNull(phoneNumbers.verifiedAt)));
}

/** Sets the (unconfirmed) number and sends it a code; the number counts once the code is back. */
export async function startPhoneVerification(
  deps: Deps,
  user: AuthUser,
  input: { phone: string; country?: string | undefined },
): Promise<PhoneStatus> {
  const phone = parsePhoneNumber(input.phone, input.country);
  const current = await findPhoneStatus(deps, user.id);
  if (current?.verified && current.phone === phone) throw new AppError('already_enabled');
  if (current?.verified && (await isChannelFactorEnabled(deps, user.id, 'sms'))) throw new AppError('phone_used_for_sign_in');
  // The code is issued first: the send limits apply before anything changes.
  const code = await issueOneTimeCode(deps, { userId: user.id, channel: 'sms', purpose: 'phone_verification', recipient: phone, sentFor: null });
  const now = deps.clock.now();
  await deps.db
    .insert(phoneNumbers)
    .values({ userId: user.id, e164: phone, verifiedAt: null, createdAt: now })
    .onConflictDoUpdate({ target: phoneNumbers.userId, set: { e164: phone, verifiedAt: null, createdAt: now } });
  await deps.sms.enqueue(phoneVerificationSms(deps.config, phone, code));
  return { phone, verified: false };
}

/** Confirms the number with the code sent to it. */
export async function confirmPhoneNumber(deps: Deps, user: AuthUser, code: string): Promise<PhoneStatus> {
  const current = await findPhoneStatus(deps, user.id);
  if (!current) throw new AppError('not_found');
  const check = await consumeOneTimeCode(deps, {
    userId: user.id,
    channel: 'sms',
    purpose: 'phone_verification',
    recipient: current.phone,
    sentFor: null,
    code,
  });
  if (check === 'wrong') throw new AppError('invalid_code');
  // The fifth wrong try ends the code: say so now, so the person asks for a new one.
  if (check === 'used_up') throw new AppError('code_expired');
  // Only the number the code was sent to is confirmed, even if it changed meanwhile.
  const confirmed = await deps.db
    .update(phoneNumbers)
    .set({ verifiedAt: deps.clock.now() })
    .where(and(eq(phoneNumbers.userId, user.id), eq(phoneNumbers.e164, current.phone)))
    .returning({ e164: phoneNumbers.e164 });
  if (confirmed.length === 0) throw new AppError('code_expired');
  return { phone: current.phone, verified: true };
}

/** The last digits of a number, for alerts and audit entries that should not hold it whole. */
export function phoneEnding(phone: string): string {
  return phone.slice(-4);
}

/** Whether the phone number was entered at or after `since` (entering one rewrites created_at). */
export function phoneNumberSetUpSince(db: Database, userId: string, since: Date): Promise<boolean> {
  return hasRowsMadeSince(db, phoneNumbers, phoneNumbers, { userId, since });
}
