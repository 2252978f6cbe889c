/**
 * What a new sign-in ends, in the statement that writes its session:
 * - the session the browser presented with its login, whoever's it is (ASVS 7.2.4): a browser
 *   holds one session cookie, and the one the new cookie replaces would otherwise stay alive,
 *   unseen, for as long as its lifetime allows;
 * - the account's live sessions beyond `session.maxPerAccount`, counting the new one (ASVS
 *   7.1.2): those unused longest end first, as the least likely to be in someone's hands now.
 *   The owner sees the sessions that remain in the sessions list, and each one ended here in
 *   the activity page.
 * Two sign-ins of one account at the same moment may each keep the others, leaving one
 * session more than the limit until the next sign-in.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { hashSecret, looksLikeSecret } from '../../platform/secrets.js';
import { liveSessionCondition } from './session-lifetime.js';
import { sessions } from './sessions.table.js';

/** Why a sign-in ended a session. */
export type EndedReason = 'replaced_by_sign_in' | 'session_limit';

/**
 * The update, as a `WITH` query named `ended`, that ends those sessions and answers each one's
 * id, owner and reason. It runs in the statement that inserts the new session, which it does
 * not see, so it keeps `maxPerAccount - 1` of the others.
 */
export function endSessionsForSignIn(
  deps: Pick<Deps, 'config'>,
  db: Database,
  input: { userId: string; presentedToken?: string | undefined },
  now: Date,
) {
  const live = liveSessionCondition(deps.config.session, now);
  const presented = input.presentedToken && looksLikeSecret(input.presentedToken) ? hashSecret(input.presentedToken) : undefined;
  // The presented session is ended as replaced, so it takes none of the places kept.
  const others = and(eq(sessions.userId, input.userId), live, presented ? ne(sessions.tokenHash, presented) : undefined);
  const beyondLimit = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(others)
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .offset(deps.config.session.maxPerAccount - 1);
  const replaced = presented ? db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.tokenHash, presented), live)) : undefined;
  // One list of ids, not an OR of two conditions, so each side keeps its index (an OR with an
  // IN subquery would scan the whole table).
  const ending = replaced ? sql`(${beyondLimit}) union all (${replaced})` : sql`${beyondLimit}`;
  const reason = presented
    ? sql<EndedReason>`case when ${sessions.tokenHash} = ${presented} then 'replaced_by_sign_in' else 'session_limit' end`
    : sql<EndedReason>`'session_limit'`;
  return db.$with('ended').as(
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(sql`${sessions.id} in (${ending})`)
      .returning({ id: sessions.id, userId: sessions.userId, reason: reason.as('reason') }),
  );
}

/** The `WITH` query of the sessions a sign-in ends. */
export type EndedSessions = ReturnType<typeof endSessionsForSignIn>;
