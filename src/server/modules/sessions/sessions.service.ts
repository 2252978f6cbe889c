/**
 * Sessions, after the Copenhagen Book: a random 256-bit token goes to the client and only
 * its SHA-256 is stored. Lifetimes (idle and hard limits per kind) are in session-lifetime.ts;
 * how many sessions an account may hold, and which end at a new sign-in, in session-limit.ts.
 * Every request reads the session row, so a revocation or expiry takes effect on the next
 * request on every instance. `last_seen_at` is written at most once a minute per session
 * to keep the session check a single read. A step-up gives the session a new token.
 */
import { and, desc, eq, gt, is, isNull, ne, SQL, sql } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import type { Database } from '../../platform/db.js';
import { preparedStatement } from '../../platform/prepared.js';
import { createBatchedLookup } from '../../platform/batched-lookup.js';
import type { Deps } from '../../platform/deps.js';
import type { RequestContext } from '../../platform/deps.js';
import { generateId, generateSecret, hashSecret, looksLikeSecret } from '../../platform/secrets.js';
import { users } from '../accounts/accounts.table.js';
import { sessions } from './sessions.table.js';
import { expiryAfterUse, liveSessionCondition, withinLifetime } from './session-lifetime.js';
import { endSessionsForSignIn, type EndedSessions } from './session-limit.js';

const TOUCH_INTERVAL_MS = 60_000;

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export interface NewSession {
  userId: string;
  client: 'browser' | 'app';
  aal: 1 | 2;
  rememberMe: boolean;
  /** How the sign-in began ('password', 'passkey', a provider's id). */
  firstFactor?: string;
  /** The session token the browser sent with its login: the new session replaces it. */
  presentedToken?: string | undefined;
}

/**
 * Creates a session and returns its token, which exists nowhere else afterwards. The same
 * statement ends the sessions the sign-in replaces (session-limit.ts: `ended`), and writes the
 * statements `alongside` names (audit events, which may read `ended`), so all commit together.
 */
export async function createSession(
  deps: Pick<Deps, 'clock' | 'config'>,
  db: Database,
  input: NewSession,
  context: RequestContext,
  alongside: (session: { id: string; ended: EndedSessions }) => (TypedQueryBuilder<undefined> | SQL)[] = () => [],
): Promise<{ token: string; session: SessionRow }> {
  const token = generateSecret();
  const now = deps.clock.now();
  const id = generateId();
  const ended = endSessionsForSignIn(deps, db, input, now);
  const created = db.$with('created').as(
    db
      .insert(sessions)
      .values({
        id,
        tokenHash: hashSecret(token),
        userId: input.userId,
        client: input.client,
        aal: input.aal,
        rememberMe: input.rememberMe,
        firstFactor: input.firstFactor ?? null,
        ip: context.ip,
        userAgent: context.userAgent,
        createdAt: now,
        authenticatedAt: now,
        lastSeenAt: now,
        expiresAt: expiryAfterUse(deps.config.session, { ...input, firstFactor: input.firstFactor ?? null, createdAt: now }, now),
      })
      .returning(),
  );
  const others = alongside({ id, ended }).map((statement, i) =>
    is(statement, SQL) ? db.$with(`alongside_${i}`, {}).as(statement) : db.$with(`alongside_${i}`).as(statement),
  );
  const [session] = await db.with(ended, created, ...others).select().from(created);
  return { token, session: session! };
}

// Only what authenticating a request needs: fewer columns to send and parse on every request.
const AUTH_SESSION_COLUMNS = {
  id: sessions.id,
  userId: sessions.userId,
  client: sessions.client,
  aal: sessions.aal,
  rememberMe: sessions.rememberMe,
  firstFactor: sessions.firstFactor,
  createdAt: sessions.createdAt,
  authenticatedAt: sessions.authenticatedAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
};
const AUTH_USER_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
  isAdmin: users.isAdmin,
};

/** The session as a request sees it. */
export type AuthSession = Pick<SessionRow, keyof typeof AUTH_SESSION_COLUMNS>;
/** The signed-in user as a request sees it; services that need more load the full row. */
export type AuthUser = Pick<UserRow, keyof typeof AUTH_USER_COLUMNS>;

// By token alone: a live session answers in one read, and so does an ended one, which lets
// the caller say why it ended without a second query. Concurrent requests share the read.
const SESSION_BY_TOKEN = {
  session: { ...AUTH_SESSION_COLUMNS, revokedAt: sessions.revokedAt },
  user: AUTH_USER_COLUMNS,
  mustResetPassword: users.mustResetPassword,
};

const loadSessionByToken = createBatchedLookup({
  one: (db) =>
    preparedStatement(db, 'session_by_token', (db, name) =>
      db
        .select(SESSION_BY_TOKEN)
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, sql.placeholder('key')))
        .limit(1)
        .prepare(name),
    ),
  many: (db) =>
    preparedStatement(db, 'sessions_by_tokens', (db, name) =>
      db
        .select({ ...SESSION_BY_TOKEN, key: sessions.tokenHash })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(sql`${sessions.tokenHash} = any(${sql.placeholder('keys')})`)
        .prepare(name),
    ),
});

export interface ValidatedSession {
  session: AuthSession;
  user: AuthUser;
  /** True when the expiry moved, so a cookie carrying it should be sent again. */
  extended: boolean;
}

/** What a presented token names: a live session, a revoked one (whose owner is known), or nothing. */
export type SessionLookup = { live: ValidatedSession } | { revokedUserId: string } | null;

/** Looks a token up in one read; expired sessions count as nothing. */
export async function lookupSessionToken(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  token: string,
): Promise<SessionLookup> {
  if (!looksLikeSecret(token)) return null;
  const now = deps.clock.now();
  const row = await loadSessionByToken(deps.db, hashSecret(token));
  if (!row || !withinLifetime(deps.config.session, row.session, now)) return null;
  const { revokedAt, ...session } = row.session;
  if (revokedAt) return { revokedUserId: session.userId };
  // A forced reset ends every session when it is set; a login that was hashing its password
  // at that moment may still insert one afterwards, and it must not work either.
  if (row.mustResetPassword) return null;
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) {
    return { live: { session, user: row.user, extended: false } };
  }
  // Sliding sessions move their end with use, never past their hard limit; plain ones keep theirs.
  const expiresAt = expiryAfterUse(deps.config.session, session, now);
  await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, session.id));
  const extended = expiresAt.getTime() !== session.expiresAt.getTime();
  return { live: { session: { ...session, lastSeenAt: now, expiresAt }, user: row.user, extended } };
}

/** Looks a token up; answers null for unknown, expired or revoked sessions. */
export async function validateSessionToken(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  token: string,
): Promise<ValidatedSession | null> {
  const found = await lookupSessionToken(deps, token);
  return found && 'live' in found ? found.live : null;
}

/** The user's live sessions, most recently used first. */
export async function listUserSessions(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: string): Promise<SessionRow[]> {
  return deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), liveSessionCondition(deps.config.session, deps.clock.now())))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes one of the user's own sessions; false when it is not theirs or already over. */
export async function revokeSession(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

/** Revokes every live session of a user, optionally sparing one; answers how many ended. */
export async function revokeUserSessions(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  userId: string,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  const now = deps.clock.now();
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)];
  if (options.exceptSessionId) conditions.push(ne(sessions.id, options.exceptSessionId));
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** A session's new token after a step-up, with what its cookie needs. */
export interface RenewedSession {
  token: string;
  session: Pick<SessionRow, 'rememberMe' | 'expiresAt'>;
}

/**
 * Records that the person proved who they are again in this session (step-up), and gives the
 * session a new token: the one presented before stops working at once, so a copy taken before
 * the step-up cannot use the window it opens (ASVS 7.2.4). Null when the session ended meanwhile.
 */
export async function reauthenticateSession(
  deps: Pick<Deps, 'clock' | 'db'>,
  sessionId: string,
): Promise<RenewedSession | null> {
  const token = generateSecret();
  const [session] = await deps.db
    .update(sessions)
    .set({ tokenHash: hashSecret(token), authenticatedAt: deps.clock.now() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ rememberMe: sessions.rememberMe, expiresAt: sessions.expiresAt });
  return session ? { token, session } : null;
}

/** Ends the user's live sessions whose sign-in began with `firstFactor`, sparing one; answers how many. */
export async function revokeSessionsBegunWith(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  userId: string,
  firstFactor: string,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  const now = deps.clock.now();
  const conditions = [eq(sessions.userId, userId), eq(sessions.firstFactor, firstFactor), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)];
  if (options.exceptSessionId) conditions.push(ne(sessions.id, options.exceptSessionId));
  const revoked = await db.update(sessions).set({ revokedAt: now }).where(and(...conditions)).returning({ id: sessions.id });
  return revoked.length;
}

/**
 * Revokes every live session of every account, sparing one (the admin's who asks); answers how
 * many ended. One statement: a session that begins after it is not touched.
 */
export async function revokeEverySession(deps: Pick<Deps, 'clock'>, db: Database, options: { exceptSessionId: string }): Promise<number> {
  const now = deps.clock.now();
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now), ne(sessions.id, options.exceptSessionId)))
    .returning({ id: sessions.id });
  return revoked.length;
}
