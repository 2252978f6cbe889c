/**
 * Calls to /api/v1/admin. Every one needs an admin with a second factor and a recent
 * authentication: the client's step-up dialog handles reauthentication_required, and screens
 * show admin_second_factor_required as a page of its own (AdminErrorState).
 */
import type { z } from 'zod';
import type {
  AdminActionResultSchema,
  AdminAuditEventSchema,
  AdminAuditListSchema,
  AdminUserDetailSchema,
  AdminUserListSchema,
  AdminUserSummary,
} from '../../shared/admin-contracts';
import { apiRequest } from './client';

export type { AdminUserSummary };
export type AdminUserDetail = z.infer<typeof AdminUserDetailSchema>;
export type AuditEvent = z.infer<typeof AdminAuditEventSchema>;
type ActionResult = z.infer<typeof AdminActionResultSchema>;

export interface AuditFilters {
  userId?: string;
  event?: string;
  from?: string;
  to?: string;
}

function queryString(values: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

const userPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

export function searchUsers(input: { query: string; cursor?: string | null }): Promise<z.infer<typeof AdminUserListSchema>> {
  return apiRequest('GET', `/admin/users${queryString({ query: input.query, limit: 25, cursor: input.cursor })}`);
}

export function getUser(id: string): Promise<AdminUserDetail> {
  return apiRequest('GET', userPath(id));
}

/** Suspends the account: its sessions end; `publicReason` is shown to the person, `note` stays internal. */
export function suspendUser(id: string, input: { publicReason: string; note?: string; endsAt?: string }): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/suspend`, input);
}

export function unsuspendUser(id: string): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/unsuspend`, {});
}

export function revokeUserSessions(id: string): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/revoke-sessions`, {});
}

/** Signs every account out everywhere, except this session; answers how many sessions ended. */
export function signOutEveryone(): Promise<{ sessionsEnded: number }> {
  return apiRequest('POST', '/admin/sessions/revoke-all', {});
}

export function resendUserVerification(id: string): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/resend-verification`, {});
}

export function forcePasswordReset(id: string): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/force-password-reset`, {});
}

export function setAdmin(id: string, grant: boolean): Promise<ActionResult> {
  return apiRequest('POST', `${userPath(id)}/admin`, { grant });
}

export function listAudit(filters: AuditFilters, cursor?: string | null): Promise<z.infer<typeof AdminAuditListSchema>> {
  return apiRequest('GET', `/admin/audit${queryString({ ...filters, limit: 50, cursor })}`);
}

/** The CSV export of the same filters, for a plain link (the browser downloads it with the cookie). */
export function auditCsvHref(filters: AuditFilters): string {
  return `/api/v1/admin/audit.csv${queryString({ ...filters })}`;
}
