/** The console's views of users and audit events (what the admin API answers). */
import type { z } from 'zod';
import type { AdminAuditEventSchema, AdminSuspension, AdminUserDetailSchema, AdminUserSummary } from '../../../shared/admin-contracts.js';
import type { Deps } from '../../platform/deps.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import { countPasskeys } from '../auth/methods/passkey/passkey.queries.js';
import { enabledSecondFactors } from '../auth/methods/registry.js';
import { listSecurityActivity } from '../security/activity.js';
import type { AuditRow } from '../security/audit.queries.js';
import { describeDevice } from '../sessions/device.js';
import { listUserSessions } from '../sessions/sessions.service.js';
import { findActiveSuspension, type SuspensionRow } from './suspension.service.js';

const RECENT_EVENTS = 20;

export function toAdminSuspension(row: SuspensionRow): AdminSuspension {
  return {
    publicReason: row.publicReason,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    endsAt: row.endsAt?.toISOString() ?? null,
  };
}

export function toAdminUserSummary(user: UserRow, suspension: SuspensionRow | undefined): AdminUserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    isAdmin: user.isAdmin,
    mustResetPassword: user.mustResetPassword,
    createdAt: user.createdAt.toISOString(),
    suspended: suspension !== undefined,
    suspension: suspension ? toAdminSuspension(suspension) : null,
  };
}

/** The summary of one user with the suspension in force now. */
export async function loadAdminUserSummary(deps: Pick<Deps, 'db' | 'clock'>, user: UserRow): Promise<AdminUserSummary> {
  return toAdminUserSummary(user, await findActiveSuspension(deps.db, user.id, deps.clock.now()));
}

/** Everything the console's user page shows. */
export async function loadAdminUserDetail(deps: Deps, user: UserRow): Promise<z.infer<typeof AdminUserDetailSchema>> {
  const summary = await loadAdminUserSummary(deps, user);
  const secondFactors = await enabledSecondFactors(deps, user.id);
  const passkeyCount = await countPasskeys(deps.db, user.id);
  const passwordSet = user.passwordHash !== null;
  const sessions = await listUserSessions(deps, user.id);
  const activity = await listSecurityActivity(deps, user.id, { limit: RECENT_EVENTS });
  return {
    user: summary,
    suspension: summary.suspension,
    signInMethods: [...(passwordSet ? ['password'] : []), ...(passkeyCount > 0 && !secondFactors.includes('passkey') ? ['passkey'] : []), ...secondFactors],
    passwordSet,
    secondFactors,
    passkeyCount,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      device: describeDevice(s.userAgent),
      rememberMe: s.rememberMe,
      client: s.client,
      aal: s.aal,
    })),
    events: activity.events,
  };
}

export function toAdminAuditEvent(row: AuditRow): z.infer<typeof AdminAuditEventSchema> {
  const by = row.details.by;
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    event: row.event,
    userId: row.userId,
    actorId: typeof by === 'string' ? by : null,
    ip: row.ip,
    userAgent: row.userAgent,
    details: row.details,
  };
}
