/**
 * Known devices: browsers and apps that have signed in to an account before.
 * The device keeps a random 256-bit token (http/device-cookie.ts); known_devices keeps its
 * SHA-256 per user, with the IP and User-Agent of the last sign-in. A device stays known for
 * KNOWN_DEVICE_DAYS after its last sign-in. A token is adopted only for the account it was
 * issued to: a browser presenting a token unknown for this account gets a fresh one, so a
 * token planted by someone else never becomes known for the victim's account.
 */
import { and, count, desc, eq, gt, isNull, notInArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isIP } from 'node:net';
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { generateId, generateSecret, hashSecret } from '../../platform/secrets.js';
import { queryBuilder, rowExists, scalar } from '../../platform/sql.js';
import { knownDevices } from './known-device.table.js';

/** Devices kept per account; the least recently used beyond this are forgotten. */
const MAX_DEVICES_PER_USER = 50;

function knownSince(deps: Pick<Deps, 'clock' | 'config'>): Date {
  return new Date(deps.clock.now().getTime() - deps.config.knownDeviceDays * 86_400_000);
}

/**
 * The id of the user's known device that holds the token given to knownDeviceParams, or
 * null, as an expression on the user's id (`userId`): the password login reads it together
 * with the user, in one query whether or not the account exists.
 */
export function knownDeviceIdSql(userId: SQLWrapper): SQL<string | null> {
  return scalar(
    queryBuilder
      .select({ id: knownDevices.id })
      .from(knownDevices)
      .where(
        and(
          eq(knownDevices.userId, userId),
          eq(knownDevices.tokenHash, sql.placeholder('deviceTokenHash')),
          gt(knownDevices.lastSeenAt, sql.placeholder('deviceKnownSince')),
        ),
      )
      .limit(1),
  );
}

/**
 * Whether one of the user's known devices last signed in from the network of the address given
 * to knownDeviceParams (the same /24 for IPv4, /48 for IPv6), as an expression on the user's id.
 * Stored addresses are checked before the cast (CASE keeps the order), so an odd value is no
 * match rather than an error.
 */
export function knownNetworkSql(userId: SQLWrapper): SQL<boolean> {
  const ip = sql`${knownDevices.ip}`;
  const sameNetwork = sql`case when ${ip} ~ '^[0-9A-Fa-f:.]+$' then ${sql.placeholder('clientIp')}::inet <<= network(set_masklen(${ip}::inet, case family(${ip}::inet) when 4 then 24 else 48 end)) else false end`;
  return rowExists(knownDevices, and(eq(knownDevices.userId, userId), gt(knownDevices.lastSeenAt, sql.placeholder('deviceKnownSince')), sameNetwork));
}

/**
 * The values knownDeviceIdSql and knownNetworkSql need; without a token (null never equals a
 * hash) there is no device, without a valid address no network.
 */
export function knownDeviceParams(deps: Pick<Deps, 'clock' | 'config'>, token: string | undefined, ip?: string) {
  return {
    deviceTokenHash: token ? hashSecret(token) : null,
    // ISO text: a placeholder's value reaches the driver as it is, without the column's encoding.
    deviceKnownSince: knownSince(deps).toISOString(),
    clientIp: ip && isIP(ip) ? ip : null,
  };
}

export interface RememberedDevice {
  id: string;
  /** The token the device keeps from now on (the one it sent, or a new one). */
  token: string;
  /** The device presented a token already known for this account. */
  known: boolean;
  /**
   * Not known by token, but the account has a known device with the same IP and the same
   * User-Agent (typically the same browser after its cookies were cleared). Used only to
   * spare a new-device alert, never to relax the lockout; undefined when not asked for.
   */
  familiar?: boolean;
}

/**
 * Records a successful sign-in of `userId` from the device presenting `token` (if any).
 * `checkFamiliar` asks whether a new device is familiar, which matters only for an alert.
 */
export async function rememberDevice(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  userId: string,
  token: string | undefined,
  context: RequestContext,
  options: { checkFamiliar: boolean },
): Promise<RememberedDevice> {
  const now = deps.clock.now();
  const seen = { lastSeenAt: now, ip: context.ip, userAgent: context.userAgent };
  if (token) {
    const [updated] = await deps.db
      .update(knownDevices)
      .set(seen)
      .where(
        and(eq(knownDevices.userId, userId), eq(knownDevices.tokenHash, hashSecret(token)), gt(knownDevices.lastSeenAt, knownSince(deps))),
      )
      .returning({ id: knownDevices.id });
    if (updated) return { id: updated.id, token, known: true, familiar: false };
  }
  const fresh = generateSecret();
  const id = generateId();
  // One statement inserts the device and answers what the account had before it: whether a
  // similar device was known, and how many devices (the subqueries do not see the new row).
  const inserted = deps.db
    .$with('inserted')
    .as(
      deps.db
        .insert(knownDevices)
        .values({ id, userId, tokenHash: hashSecret(fresh), createdAt: now, ...seen })
        .returning({ id: knownDevices.id }),
    );
  const similar = and(
    eq(knownDevices.userId, userId),
    eq(knownDevices.ip, context.ip),
    context.userAgent === null ? isNull(knownDevices.userAgent) : eq(knownDevices.userAgent, context.userAgent),
    gt(knownDevices.lastSeenAt, knownSince(deps)),
  );
  const [before] = await deps.db
    .with(inserted)
    .select({
      familiar: options.checkFamiliar ? rowExists(knownDevices, similar) : sql<null>`null`,
      devices: scalar<number>(queryBuilder.select({ n: count() }).from(knownDevices).where(eq(knownDevices.userId, userId))).mapWith(Number),
    })
    .from(inserted);
  // Pruning must see the new row, so it is a statement of its own, run only over the limit
  // (two new devices of one account at the same moment may leave one too many until the next).
  if (before!.devices + 1 > MAX_DEVICES_PER_USER) await pruneDevices(deps.db, userId);
  return { id, token: fresh, known: false, familiar: before!.familiar ?? undefined };
}

async function pruneDevices(db: Database, userId: string): Promise<void> {
  const keep = db
    .select({ id: knownDevices.id })
    .from(knownDevices)
    .where(eq(knownDevices.userId, userId))
    .orderBy(desc(knownDevices.lastSeenAt))
    .limit(MAX_DEVICES_PER_USER);
  await db.delete(knownDevices).where(and(eq(knownDevices.userId, userId), notInArray(knownDevices.id, keep)));
}

/** Ids of the account's devices, known or expired (their lockout counters are cleared by id). */
export async function listDeviceIds(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ id: knownDevices.id }).from(knownDevices).where(eq(knownDevices.userId, userId));
  return rows.map((row) => row.id);
}

/**
 * Forgets every device of the account: after "this wasn't me" or an undone email change any
 * of them may be the intruder's, so none keeps the known-device exemption from the lockout.
 */
export async function forgetDevices(db: Database, userId: string): Promise<void> {
  await db.delete(knownDevices).where(eq(knownDevices.userId, userId));
}
