/**
 * Hiding an account's profiles while it is suspended. The admin module (a higher layer) calls
 * these through this module's door in the same transaction as the suspension, so a profile
 * never shows a moment after its account was suspended, and shows again when lifted.
 */
import type { Database } from '../../platform/db.js';
import { deleteHold, upsertHold } from './profiles.queries.js';

/** Hides the profiles until `until` (null: until released). */
export async function holdProfiles(db: Database, userId: string, until: Date | null, now: Date): Promise<void> {
  await upsertHold(db, userId, until, now);
}

/** Shows the profiles again. */
export async function releaseProfiles(db: Database, userId: string): Promise<void> {
  await deleteHold(db, userId);
}
