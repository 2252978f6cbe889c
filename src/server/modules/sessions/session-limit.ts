/**
 * What a new sign-in ends, before its session is written (in the same transaction):
 * - the session the browser presented with its login, whoever's it is (ASVS 7.2.4): a browser
 *   holds one session cookie, and the one the new cookie replaces would otherwise stay alive,
 *   unseen, for as long as its lifetime allows;
 * - the account's live sessions beyond `session.maxPerAccount`, counting the new one (ASVS
 *   7.1.2): those unused longest end first, as the least likely to be in someone's hands now.
 *   The owner sees the sessions that remain in the sessions list, and each one ended here in
 *   the activity page ("A device was signed out").
 * Two sign-ins of one account at the same moment may each keep the others, leaving one
 * session more than the limit until the next sign-in.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { hashSecret, looksLikeSecret } from '../../platform/secrets.js';
import { liveSessionCondition } from './session-lifetime.js';
import { sessions } from './sessions.table.js';

export interface EndedSession {
  id: string;
  userId: string;
  reason: 'replaced_by_sign_in' | 'session_limit';
}

/** Ends the presented session and the account's sessions beyond the limit; answers which ended. */
export async function endSessionsBeforeSignIn(
  deps: Pick<Deps, 'clock' | 'config'>,
  db: Database,
  userId: string,
  options: { presentedToken?: string | undefined } = {},
): Promise<EndedSession[]> {
  const now = deps.clock.now();
  const live = liveSessionCondition(deps.config.session, now);
  const ended: EndedSession[] = [];
  if (options.presentedToken && looksLikeSecret(options.presentedToken)) {
    const replaced = await db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tokenHash, hashSecret(options.presentedToken)), live))
      .returning({ id: sessions.id, userId: sessions.userId });
    ended.push(...replaced.map((row) => ({ ...row, reason: 'replaced_by_sign_in' as const })));
  }
  // Read after the update above, in the same transaction: the replaced session no longer counts.
  const beyondLimit = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .offset(deps.config.session.maxPerAccount - 1);
  const evicted = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(inArray(sessions.id, beyondLimit))
    .returning({ id: sessions.id, userId: sessions.userId });
  ended.push(...evicted.map((row) => ({ ...row, reason: 'session_limit' as const })));
  return ended;
}
