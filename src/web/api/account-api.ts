/** Calls to /api/v1/account: password and email change, the sessions across devices, security activity. */
import type { z } from 'zod';
import type { ActivityListSchema, SessionListSchema } from '../../shared/contracts';
import { apiRequest } from './client';

export type SessionList = z.infer<typeof SessionListSchema>;
export type DeviceSession = SessionList['sessions'][number];
export type ActivityList = z.infer<typeof ActivityListSchema>;
export type ActivityEvent = ActivityList['events'][number];

export function changePassword(input: { currentPassword: string; newPassword: string }): Promise<unknown> {
  return apiRequest('POST', '/account/password', input);
}

export function listSessions(): Promise<SessionList> {
  return apiRequest('GET', '/account/sessions');
}

export function revokeSession(id: string): Promise<void> {
  return apiRequest('DELETE', `/account/sessions/${encodeURIComponent(id)}`);
}

/** Signs out every other device, or every device including this one. */
export function revokeAllSessions(options: { includeCurrent: boolean }): Promise<void> {
  return apiRequest('POST', '/account/sessions/revoke-all', { includeCurrent: options.includeCurrent });
}

/** Mails a confirmation link to the new address; the address changes only when it is used. */
export function requestEmailChange(newEmail: string): Promise<unknown> {
  return apiRequest('POST', '/account/email', { newEmail });
}

/** The link from the new mailbox: the address changes and the old one is told. */
export function confirmEmailChange(token: string): Promise<unknown> {
  return apiRequest('POST', '/account/email/confirm', { token });
}

/** The undo link from the old mailbox: the old address comes back and every session ends. */
export function undoEmailChange(token: string): Promise<unknown> {
  return apiRequest('POST', '/account/email/undo', { token });
}

/** One page of the account's security events, newest first; `cursor` is the previous page's nextCursor. */
export function listActivity(page: { cursor?: string | null; limit?: number } = {}): Promise<ActivityList> {
  const query = new URLSearchParams();
  if (page.limit) query.set('limit', String(page.limit));
  if (page.cursor) query.set('cursor', page.cursor);
  const search = query.toString();
  return apiRequest('GET', `/account/activity${search ? `?${search}` : ''}`);
}
