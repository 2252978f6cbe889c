/** Writes security events to the append-only audit table. */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { auditEvents } from './audit.table.js';

export type AuditEventType =
  | 'signup'
  | 'signup_existing_email'
  | 'email_verification_sent'
  | 'email_verified'
  | 'login_succeeded'
  | 'login_failed'
  | 'token_issued'
  | 'logout'
  | 'password_reset_requested'
  | 'password_reset'
  | 'password_changed'
  | 'session_revoked'
  | 'sessions_revoked_all'
  | 'reauthenticated'
  | 'mfa_enabled'
  | 'mfa_disabled'
  | 'phone_verification_sent'
  | 'phone_verified'
  | 'recovery_codes_generated'
  | 'passkey_added'
  | 'passkey_renamed'
  | 'passkey_kept'
  | 'passkey_removed'
  | 'identity_linked'
  | 'identity_link_mailed'
  | 'identity_unlinked'
  | 'identity_kept'
  | 'account_locked'
  | 'account_unlocked'
  | 'second_step_locked'
  | 'new_device_signed_in'
  | 'not_me_reported'
  | 'email_change_requested'
  | 'email_changed'
  | 'email_change_undone'
  | 'admin_granted'
  | 'admin_revoked'
  | 'account_suspended'
  | 'account_unsuspended'
  | 'admin_sessions_revoked'
  | 'admin_all_sessions_revoked'
  | 'admin_verification_resent'
  | 'admin_password_reset_forced'
  | 'admin_audit_exported'
  | 'support_ticket_opened'
  | 'support_ticket_replied'
  | 'support_ticket_viewed'
  | 'support_ticket_answered'
  | 'support_ticket_closed';

export interface AuditEntry {
  event: AuditEventType;
  userId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The insert of one event, not yet sent: awaited, it appends the event; inside a `WITH` it
 * makes the event part of another statement (startSession writes the session and its event
 * in one round trip).
 */
export function auditEventInsert(deps: Pick<Deps, 'clock'>, db: Database, context: RequestContext, entry: AuditEntry) {
  return db.insert(auditEvents).values({
    at: deps.clock.now(),
    event: entry.event,
    userId: entry.userId ?? null,
    ip: context.ip,
    userAgent: context.userAgent,
    details: entry.details ?? {},
  });
}

/**
 * The insert, not yet sent, of one event per row of a `WITH` query of the same statement:
 * for events whose subjects the statement itself decides (the sessions a sign-in ends).
 * `userId` and `details` are expressions over that query's columns.
 */
export function auditEventsInsertPerRow(
  deps: Pick<Deps, 'clock'>,
  context: RequestContext,
  event: AuditEventType,
  rows: { from: SQLWrapper; userId: SQLWrapper; details: SQLWrapper },
): SQL {
  const columns = ['at', 'event', 'user_id', 'ip', 'user_agent', 'details'].map((name) => sql.identifier(name));
  return sql`insert into ${auditEvents} (${sql.join(columns, sql`, `)})
    select ${deps.clock.now().toISOString()}::timestamptz, ${event}, ${rows.userId}, ${context.ip}, ${context.userAgent}, ${rows.details}
    from ${rows.from}`;
}

/** Appends one event. Pass `db` as a transaction to make the event part of the same commit. */
export async function recordAuditEvent(
  deps: Pick<Deps, 'clock'>,
  db: Database,
  context: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await auditEventInsert(deps, db, context, entry);
}
