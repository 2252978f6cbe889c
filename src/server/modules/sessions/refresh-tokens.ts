/**
 * Refresh-token rotation with reuse detection for native-app sessions (OAuth 2.0 Security BCP,
 * RFC 9700 §4.14.2; as Supabase and Logto do it). An app token answer carries a refresh token
 * beside the access token. Trading it (POST /auth/token/refresh) gives the session a new
 * access token — the old one stops working at once — and a new refresh token, and marks the
 * traded one used. The session is the token family: a used refresh token presented again
 * means two parties hold the family (a stolen copy), so the whole session ends.
 * Two refreshes racing with one token count as reuse too: an app must refresh one at a time.
 * A refresh counts as use of the session and never moves it past its hard limit
 * (session-lifetime.ts: SESSION_ABSOLUTE_DAYS counted from the sign-in).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { generateSecret, hashSecret, looksLikeSecret } from '../../platform/secrets.js';
import { users } from '../accounts/index.js';
import { expiryAfterUse, withinLifetime } from './session-lifetime.js';
import { revokeSession } from './sessions.service.js';
import { refreshTokens, sessions } from './sessions.table.js';

/** Makes the first refresh token of an app session. */
export async function issueRefreshToken(deps: Pick<Deps, 'clock'>, db: Database, sessionId: string): Promise<string> {
  const token = generateSecret();
  await db.insert(refreshTokens).values({ tokenHash: hashSecret(token), sessionId, createdAt: deps.clock.now() });
  return token;
}

export type RefreshOutcome =
  | { outcome: 'rotated'; token: string; refreshToken: string; expiresAt: Date; userId: string; sessionId: string }
  | { outcome: 'reused'; sessionId: string; userId: string; ended: boolean }
  | { outcome: 'invalid' };

/** Trades a refresh token for a new access token and refresh token, or ends its family on reuse. */
export async function rotateRefreshToken(deps: Pick<Deps, 'clock' | 'config' | 'db'>, presented: string): Promise<RefreshOutcome> {
  if (!looksLikeSecret(presented)) return { outcome: 'invalid' };
  const hash = hashSecret(presented);
  const now = deps.clock.now();
  const rotated = await deps.db.transaction(async (tx): Promise<RefreshOutcome | 'not_unused'> => {
    // Marking it used first, on the condition that it was not: of two racing trades one wins.
    const [taken] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.usedAt)))
      .returning({ sessionId: refreshTokens.sessionId });
    if (!taken) return 'not_unused';
    const [row] = await tx
      .select({ session: sessions, mustResetPassword: users.mustResetPassword })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, taken.sessionId))
      .limit(1);
    const session = row?.session;
    if (!session || session.revokedAt || row.mustResetPassword || !withinLifetime(deps.config.session, session, now)) return { outcome: 'invalid' };
    const token = generateSecret();
    const expiresAt = expiryAfterUse(deps.config.session, session, now);
    await tx.update(sessions).set({ tokenHash: hashSecret(token), lastSeenAt: now, expiresAt }).where(eq(sessions.id, session.id));
    const refreshToken = generateSecret();
    await tx.insert(refreshTokens).values({ tokenHash: hashSecret(refreshToken), sessionId: session.id, createdAt: now });
    return { outcome: 'rotated', token, refreshToken, expiresAt, userId: session.userId, sessionId: session.id };
  });
  if (rotated !== 'not_unused') return rotated;
  const [used] = await deps.db
    .select({ sessionId: refreshTokens.sessionId, userId: sessions.userId })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, hash))
    .limit(1);
  if (!used) return { outcome: 'invalid' };
  const ended = await revokeSession(deps, deps.db, used.userId, used.sessionId);
  return { outcome: 'reused', sessionId: used.sessionId, userId: used.userId, ended };
}
