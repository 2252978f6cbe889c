/**
 * Which code channels (mail, SMS) a user has turned on as a second factor. One row per user
 * and channel; turning a channel off keeps the row with `enabled = false`.
 */
import { and, eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../../../platform/db.js';
import type { Deps } from '../../../../platform/deps.js';
import { hasRowsMadeSince, rowExists } from '../../../../platform/sql.js';
import type { CodeChannel } from './one-time-code.service.js';
import { channelFactors } from './one-time-code.table.js';

export async function isChannelFactorEnabled(deps: Pick<Deps, 'db'>, userId: string, channel: CodeChannel): Promise<boolean> {
  const [row] = await deps.db
    .select({ enabled: channelFactors.enabled })
    .from(channelFactors)
    .where(and(eq(channelFactors.userId, userId), eq(channelFactors.channel, channel)));
  return row?.enabled === true;
}

/** Whether the user `userId` (an SQL expression) has the channel on, as part of a larger query. */
export function channelFactorEnabledSql(userId: SQLWrapper, channel: CodeChannel): SQL<boolean> {
  return rowExists(
    channelFactors,
    and(eq(channelFactors.userId, userId), eq(channelFactors.channel, channel), eq(channelFactors.enabled, true)),
  );
}

/** Turns the channel on; answers false when it already was (nothing changes then). */
export async function enableChannelFactor(deps: Pick<Deps, 'db' | 'clock'>, userId: string, channel: CodeChannel): Promise<boolean> {
  const now = deps.clock.now();
  // One statement, so two racing requests cannot both report "turned on" (and both alert).
  const changed = await deps.db
    .insert(channelFactors)
    .values({ userId, channel, enabled: true, createdAt: now })
    .onConflictDoUpdate({
      target: [channelFactors.userId, channelFactors.channel],
      set: { enabled: true, createdAt: now },
      setWhere: eq(channelFactors.enabled, false),
    })
    .returning({ userId: channelFactors.userId });
  return changed.length > 0;
}

/** Turns the channel off; answers false when it was not on. */
export async function disableChannelFactor(deps: Pick<Deps, 'db'>, userId: string, channel: CodeChannel): Promise<boolean> {
  const changed = await deps.db
    .update(channelFactors)
    .set({ enabled: false })
    .where(and(eq(channelFactors.userId, userId), eq(channelFactors.channel, channel), eq(channelFactors.enabled, true)))
    .returning({ userId: channelFactors.userId });
  return changed.length > 0;
}

/** Whether the channel's factor was turned on at or after `since`. */
export function channelFactorSetUpSince(db: Database, userId: string, channel: CodeChannel, since: Date): Promise<boolean> {
  return hasRowsMadeSince(db, channelFactors, channelFactors, { userId, since, also: eq(channelFactors.channel, channel) });
}
