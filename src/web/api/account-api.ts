/** Calls to /api/v1/account: password change and the sessions across devices. */
import type { z } from 'zod';
import type { SessionListSchema } from '../../shared/contracts';
import { apiRequest } from './client';

export type SessionList = z.infer<typeof SessionListSchema>;
export type DeviceSession = SessionList['sessions'][number];

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
