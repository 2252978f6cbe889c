/**
 * How long a session lives. Each kind has an idle limit (unused that long, it ends) and a hard
 * limit counted from its sign-in (it ends then, however much it is used; ASVS 7.3.1, 7.3.2):
 *
 * | session                           | idle limit                  | hard limit                  |
 * | --------------------------------- | --------------------------- | --------------------------- |
 * | browser without "remember me"     | `idleMinutes` (1 h)         | `ttlHours` (24 h)           |
 * | "remember me", native-app token   | `rememberDays` (30 days)    | `absoluteDays` (90 days)    |
 * | begun by a provider (Google, …)   | as its kind                 | at most `providerMaxDays` (30 days) |
 *
 * The limits are read from the configuration at every check, so lowering one applies to
 * sessions already open. `expires_at` keeps the end as of the last use (plain sessions: their
 * hard end, as the API has always shown it); the idle limit of plain sessions is counted from
 * `last_seen_at`, written at most once a minute, so it is exact to the minute.
 * The session check, which runs on every request, applies these to the row it has already
 * read: no query is added for them.
 */
import { and, eq, gt, gte, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { sessions } from './sessions.table.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** First factors of Workgate's own; any other `first_factor` is the id of the provider that began the session. */
export const OWN_FIRST_FACTORS = ['password', 'passkey', 'email_link'] as const;

type Lifetimes = Config['session'];
type SessionKind = { client: 'browser' | 'app'; rememberMe: boolean; firstFactor: string | null };
type SessionTimes = SessionKind & { createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/** Sessions of native apps and "remember me" sessions slide with use; plain browser sessions do not. */
export function slides(session: Pick<SessionKind, 'client' | 'rememberMe'>): boolean {
  return session.client === 'app' || session.rememberMe;
}

function begunByProvider(firstFactor: string | null): boolean {
  return firstFactor !== null && !(OWN_FIRST_FACTORS as readonly string[]).includes(firstFactor);
}

function limitsOf(lifetimes: Lifetimes, session: SessionKind): { idleMs: number; hardMs: number } {
  const sliding = slides(session);
  const hardMs = sliding ? lifetimes.absoluteDays * DAY_MS : lifetimes.ttlHours * HOUR_MS;
  return {
    idleMs: sliding ? lifetimes.rememberDays * DAY_MS : lifetimes.idleMinutes * MINUTE_MS,
    // The provider vouched for the person at sign-in only: ask it again after a while (ASVS 7.6.1).
    hardMs: begunByProvider(session.firstFactor) ? Math.min(hardMs, lifetimes.providerMaxDays * DAY_MS) : hardMs,
  };
}

/** The `expires_at` of a session used at `now` (its sign-in included). */
export function expiryAfterUse(lifetimes: Lifetimes, session: SessionKind & { createdAt: Date }, now: Date): Date {
  const { idleMs, hardMs } = limitsOf(lifetimes, session);
  const hardEnd = session.createdAt.getTime() + hardMs;
  return new Date(slides(session) ? Math.min(now.getTime() + idleMs, hardEnd) : hardEnd);
}

/** Whether a session's lifetime (revocation aside) still holds at `now`. */
export function withinLifetime(lifetimes: Lifetimes, session: SessionTimes, now: Date): boolean {
  const { idleMs, hardMs } = limitsOf(lifetimes, session);
  const at = now.getTime();
  return at < session.expiresAt.getTime() && at < session.createdAt.getTime() + hardMs && at - session.lastSeenAt.getTime() <= idleMs;
}

/** The same rule as withinLifetime, plus "not revoked", as a condition on the sessions table. */
export function liveSessionCondition(lifetimes: Lifetimes, now: Date): SQL {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const sliding = or(eq(sessions.client, 'app'), eq(sessions.rememberMe, true));
  const plain = and(eq(sessions.client, 'browser'), eq(sessions.rememberMe, false));
  return and(
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
    or(
      and(sliding, gt(sessions.createdAt, ago(lifetimes.absoluteDays * DAY_MS)), gte(sessions.lastSeenAt, ago(lifetimes.rememberDays * DAY_MS))),
      and(plain, gt(sessions.createdAt, ago(lifetimes.ttlHours * HOUR_MS)), gte(sessions.lastSeenAt, ago(lifetimes.idleMinutes * MINUTE_MS))),
    ),
    or(isNull(sessions.firstFactor), inArray(sessions.firstFactor, [...OWN_FIRST_FACTORS]), gt(sessions.createdAt, ago(lifetimes.providerMaxDays * DAY_MS))),
  )!;
}
