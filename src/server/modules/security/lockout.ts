/**
 * Lockout that protects the user instead of locking them out.
 *
 * - Unknown devices: LOCKOUT_MAX_FAILURES (5) consecutive wrong passwords for an address lock
 *   password login for that address from unknown devices for LOCKOUT_MINUTES (30). The counter
 *   is keyed by the SHA-256 of the normalized address, so unknown addresses lock exactly like
 *   registered ones and the answers cannot tell them apart.
 * - Known devices (a device token known for the account, see known-devices.service.ts) have a
 *   counter of their own each (LOCKOUT_KNOWN_DEVICE_MAX_FAILURES, 10), so an attacker's
 *   failures from elsewhere never lock the owner out of their own devices.
 * - A correct password resets the counter of the class it came from; a lock starts the class
 *   again from zero once it ends. Failures are counted for 24 hours from the first one.
 * - Locks escalate: each lock of a class that follows another without a correct password in
 *   between lasts twice as long as the one before, up to a day. Every wrong password also
 *   counts towards a run that only a correct password, an unlock or a reset ends (kept 90
 *   days): the 100th of a run (NIST SP 800-63B §5.2.2), however slowly they came, starts a
 *   lock that lasts until the owner unlocks it from the mail or resets the password.
 * - Per-IP (IPv6 per /64) and deployment-wide budgets of failed logins from unknown devices
 *   answer 429 once spent; refused attempts on a locked account count as failures.
 * - The owner gets one mail per lock (the lock's first hit decides, atomically, also across
 *   instances) with the time and IPs of the attempts, an unlock link and a reset link.
 * Locks, their escalation and the run towards the 100th wrong password are kept in PostgreSQL
 * (lockout.store.ts), so a restart of Redis or of every instance ends no lock; the failure
 * window and the per-IP and global budgets are counted in the kv adapter, so instances sharing
 * Redis share them, and while Redis is away password logins answer 503 (they fail closed). A
 * locked attempt is refused before any password hashing, for registered and unknown addresses alike.
 */
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { hashSecret } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import type { RateLimitRule } from '../../config.js';
import { mailLink } from '../accounts/accounts.mail.js';
import { findUserById, type UserRow } from '../accounts/accounts.queries.js';
import { consumeUserToken, issueUserToken } from '../accounts/user-tokens.js';
import { sendSecurityAlert } from './alerts.js';
import { listRecentLoginFailures } from './audit.queries.js';
import { recordAuditEvent } from './audit.service.js';
import { listDeviceIds } from './known-devices.service.js';
import { clearLockouts, countWrongPassword, endLockoutRun, readLockout, startLockout } from './lockout.store.js';
import { ipBucket } from '../../http/ip-bucket.js';
import { rateLimited } from '../../http/rate-limit.js';

const FAILURE_WINDOW_MS = 24 * 3_600_000;
const LONGEST_TIMED_LOCK_MS = 24 * 3_600_000;
const MAX_CONSECUTIVE_FAILURES = 100;
/** Locks of a class are consecutive when they fall within this window of the first. */
const STREAK_WINDOW_MS = 30 * 24 * 3_600_000;
/** How long a run of wrong passwords is remembered without a correct one. */
const RUN_WINDOW_MS = 90 * 24 * 3_600_000;
/** A lock that only the owner ends (unlock link or password reset). */
const UNTIL_UNLOCKED_MS = 365 * 24 * 3_600_000;

type DeviceClass = 'unknown_device' | 'known_device';

/**
 * A class of attempts and its subject: the kv store counts its wrong passwords in the failure
 * window under `lockout:fail:<subject>`; its lock, streak of locks and run of wrong passwords
 * are the subject's row in lockout.store.ts.
 */
interface Counter {
  kind: DeviceClass;
  subject: string;
  failKey: string;
  max: number;
}

const counterOf = (kind: DeviceClass, subject: string, max: number): Counter => ({
  kind,
  subject,
  failKey: `lockout:fail:${subject}`,
  max,
});
const emailCounter = (email: string, max: number) => counterOf('unknown_device', hashSecret(email), max);
const deviceCounter = (deviceId: string, max: number) => counterOf('known_device', `device:${deviceId}`, max);

/** The length of the next timed lock of a class that has had `earlierLocks` consecutive ones. */
function lockLengthMs(deps: Deps, earlierLocks: number): number {
  return Math.min(deps.config.lockout.lockMinutes * 60_000 * 2 ** earlierLocks, LONGEST_TIMED_LOCK_MS);
}

async function refuseWhenSpent(deps: Deps, key: string, rule: RateLimitRule): Promise<void> {
  const { count, resetInMs } = await deps.kv.peek(key);
  if (count >= rule.max) throw rateLimited(resetInMs);
}

/** The end of a lock, rounded up to the second, as clients are told it: the same on every answer. */
function lockEnd(lockedUntil: Date): Date {
  return new Date(Math.ceil(lockedUntil.getTime() / 1000) * 1000);
}

function lockedError(lockedUntil: Date, resetInMs: number): AppError {
  // A lock only the owner ends has no end time to tell.
  if (resetInMs > LONGEST_TIMED_LOCK_MS) return new AppError('account_locked');
  return new AppError('account_locked', {
    detail: lockEnd(lockedUntil).toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
  });
}

/** What the login flow reports back once the password has been checked. */
export interface PasswordAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

/**
 * Called before the password is checked. Throws 429 rate_limited when the IP or the whole
 * deployment has spent its failure budget (unknown devices only), and 423 account_locked
 * when the attempt's class is locked; otherwise answers how to report the outcome.
 * `knownDeviceId` is the account's known device that holds the token the client presented
 * (known-devices.service.ts knownDeviceIdSql), read with the user.
 */
export async function beginPasswordAttempt(
  deps: Deps,
  input: { email: string; user: UserRow | undefined; knownDeviceId: string | undefined },
  context: RequestContext,
): Promise<PasswordAttempt> {
  const { lockout } = deps.config;
  const deviceId = input.knownDeviceId;
  const counter = deviceId
    ? deviceCounter(deviceId, lockout.knownDeviceMaxFailures)
    : emailCounter(input.email, lockout.maxFailures);
  const ipKey = `lockout:ip:${ipBucket(context.ip)}`;
  const globalKey = 'lockout:global';
  // A known device of this very account is not held back by other people's failures.
  const countFailure = async () => {
    if (deviceId) return;
    await deps.kv.hit(ipKey, lockout.failuresPerIp.windowSeconds * 1000);
    await deps.kv.hit(globalKey, lockout.failuresGlobal.windowSeconds * 1000);
  };
  if (!deviceId) {
    await refuseWhenSpent(deps, ipKey, lockout.failuresPerIp);
    await refuseWhenSpent(deps, globalKey, lockout.failuresGlobal);
  }
  const record = await readLockout(deps.db, counter.subject);
  const lockedForMs = record?.lockedUntil ? record.lockedUntil.getTime() - deps.clock.now().getTime() : 0;
  if (record?.lockedUntil && lockedForMs > 0) {
    await countFailure();
    await recordAuditEvent(deps, deps.db, context, {
      event: 'login_failed',
      userId: input.user?.id ?? null,
      details: { reason: 'locked', method: 'password', device: counter.kind },
    });
    throw lockedError(record.lockedUntil, lockedForMs);
  }
  return {
    async failed() {
      await countFailure();
      const { count } = await deps.kv.hit(counter.failKey, FAILURE_WINDOW_MS);
      const run = await countWrongPassword(deps.db, counter.subject, deps.clock.now(), RUN_WINDOW_MS);
      if (run >= MAX_CONSECUTIVE_FAILURES) await startLock(deps, counter, input.user, context, { untilUnlocked: true });
      else if (count >= counter.max) await startLock(deps, counter, input.user, context, { untilUnlocked: false });
    },
    async succeeded() {
      await deps.kv.delete(counter.failKey);
      // Only a subject with a record has a run or streak to end (no write for everyone else).
      if (record) await endLockoutRun(deps.db, counter.subject, deps.clock.now());
    },
  };
}

async function startLock(
  deps: Deps,
  counter: Counter,
  user: UserRow | undefined,
  context: RequestContext,
  options: { untilUnlocked: boolean },
): Promise<void> {
  const now = deps.clock.now();
  const { untilUnlocked } = options;
  // The lock, its event and the unlock link (which voids the previous one) commit together.
  const started = await deps.db.transaction(async (tx) => {
    const lock = await startLockout(tx, counter.subject, now, {
      streakWindowMs: STREAK_WINDOW_MS,
      untilUnlocked,
      lengthMs: (earlierLocks) => (untilUnlocked ? UNTIL_UNLOCKED_MS : lockLengthMs(deps, earlierLocks)),
    });
    // Only the request that started the lock tells the owner: one mail per lock, whichever instance.
    if (!lock) return undefined;
    const { earlierLocks } = lock;
    const until = lockEnd(lock.lockedUntil);
    await recordAuditEvent(deps, tx, context, {
      event: 'account_locked',
      userId: user?.id ?? null,
      details: { until: untilUnlocked ? 'unlocked_by_owner' : until.toISOString(), device: counter.kind, consecutiveLocks: earlierLocks + 1 },
    });
    if (user) {
      const token = await issueUserToken(deps, tx, user.id, 'account_unlock');
      await mailLockout(deps, tx, user, untilUnlocked ? 'unlocked' : until, counter, token);
    }
    return { until };
  });
  if (started) await deps.kv.delete(counter.failKey);
}

async function mailLockout(
  deps: Deps,
  tx: Database,
  user: UserRow,
  until: Date | 'unlocked',
  counter: Counter,
  token: string,
): Promise<void> {
  const now = deps.clock.now();
  const failures = await listRecentLoginFailures(tx, user.id, new Date(now.getTime() - FAILURE_WINDOW_MS), counter.max);
  const ips = [...new Set(failures.map((f) => f.ip ?? 'an unknown address'))];
  const first = failures.at(-1)?.at ?? now;
  const where = counter.kind === 'known_device' ? 'one of the devices you have signed in with before' : 'new devices';
  const detail =
    `After ${counter.max} wrong passwords, signing in to your Workgate account with a password from ${where} is paused ` +
    (until === 'unlocked'
      ? `until you unlock it with the button below or reset your password: wrong passwords keep coming, so this pause does not end by itself. `
      : `until ${until.toUTCString()}. `) +
    `The attempts were made between ${first.toUTCString()} and ${now.toUTCString()} ` +
    `from ${ips.join(', ')}.` +
    (counter.kind === 'unknown_device' ? ' Devices you have signed in with before can still sign in.' : '');
  await sendSecurityAlert(deps, tx, user, 'account_locked', detail, {
    action: { label: 'Unlock sign-in', url: mailLink(deps.config, '/unlock', token) },
    links: [{ label: 'Reset your password', url: mailLink(deps.config, '/forgot-password') }],
  });
}

/** Ends every lock and failure count of the account (unknown devices and each known device). */
export async function clearLockout(deps: Deps, user: Pick<UserRow, 'id' | 'email'>): Promise<void> {
  const counters = [
    emailCounter(user.email, 0),
    ...(await listDeviceIds(deps.db, user.id)).map((id) => deviceCounter(id, 0)),
  ];
  await clearLockouts(deps.db, counters.map((c) => c.subject));
  await Promise.all(counters.map((c) => deps.kv.delete(c.failKey)));
}

/** Uses an unlock link from the lockout mail: the account's locks end now. */
export async function unlockAccount(deps: Deps, token: string, context: RequestContext): Promise<void> {
  const userId = await deps.db.transaction(async (tx) => {
    const id = await consumeUserToken(deps, tx, token, 'account_unlock');
    await recordAuditEvent(deps, tx, context, { event: 'account_unlocked', userId: id, details: { via: 'mail_link' } });
    return id;
  });
  const user = await findUserById(deps.db, userId);
  if (user) await clearLockout(deps, user);
}
