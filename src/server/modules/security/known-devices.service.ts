/**
 * Known devices: browsers and apps that have signed in to an account before.
 * The device keeps a random 256-bit token (http/device-cookie.ts); known_devices keeps its
 * SHA-256 per user, with the IP and User-Agent of the last sign-in. A device stays known for
 * KNOWN_DEVICE_DAYS after its last sign-in. A token is adopted only for the account it was
 * issued to: a browser presenting a token unknown for this account gets a fresh one, so a
 * token planted by someone else never becomes known for the victim's account.
 */
import { and, desc, eq, gt, isNull, notInArray } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { generateId, generateSecret, hashSecret } from '../../platform/secrets.js';
import { users } from '../accounts/accounts.table.js';
import { knownDevices } from './known-device.table.js';

/** Devices kept per account; the least recently used beyond this are forgotten. */
const MAX_DEVICES_PER_USER = 50;

function knownSince(deps: Pick<Deps, 'clock' | 'config'>): Date {
  return new Date(deps.clock.now().getTime() - deps.config.knownDeviceDays * 86_400_000);
}

/**
 * The known device of the account with `email` that holds `token`, if any. One query by
 * email and token hash, whether or not the account exists, so the lookup costs the same
 * for registered and unknown addresses.
 */
export async function findKnownDevice(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  email: string,
  token: string,
): Promise<{ id: string; userId: string } | undefined> {
  const [row] = await deps.db
    .select({ id: knownDevices.id, userId: knownDevices.userId })
    .from(knownDevices)
    .innerJoin(users, eq(users.id, knownDevices.userId))
    .where(
      and(eq(users.email, email), eq(knownDevices.tokenHash, hashSecret(token)), gt(knownDevices.lastSeenAt, knownSince(deps))),
    )
    .limit(1);
  return row;
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
   * spare a new-device alert, never to relax the lockout.
   */
  familiar: boolean;
}

/** Records a successful sign-in of `userId` from the device presenting `token` (if any). */
export async function rememberDevice(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  userId: string,
  token: string | undefined,
  context: RequestContext,
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
  const [similar] = await deps.db
    .select({ id: knownDevices.id })
    .from(knownDevices)
    .where(
      and(
        eq(knownDevices.userId, userId),
        eq(knownDevices.ip, context.ip),
        context.userAgent === null ? isNull(knownDevices.userAgent) : eq(knownDevices.userAgent, context.userAgent),
        gt(knownDevices.lastSeenAt, knownSince(deps)),
      ),
    )
    .limit(1);
  const fresh = generateSecret();
  const id = generateId();
  await deps.db.insert(knownDevices).values({ id, userId, tokenHash: hashSecret(fresh), createdAt: now, ...seen });
  await pruneDevices(deps.db, userId);
  return { id, token: fresh, known: false, familiar: similar !== undefined };
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
