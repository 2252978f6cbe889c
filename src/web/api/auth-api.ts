/** Calls to /api/v1/auth: sign-up, verification, login, logout, the session, recovery. */
import type { z } from 'zod';
import type { Role, SessionResponseSchema, User } from '../../shared/contracts';
import { apiRequest } from './client';

export type SessionInfo = z.infer<typeof SessionResponseSchema>;

export function signUp(input: { name: string; email: string; password: string; role: Role }): Promise<unknown> {
  return apiRequest('POST', '/auth/signup', input);
}

/** Confirms the address with the token from the mail; the server signs this browser in. */
export function verifyEmail(token: string): Promise<{ user: User }> {
  return apiRequest('POST', '/auth/email/verify', { token });
}

export function resendVerification(email: string): Promise<unknown> {
  return apiRequest('POST', '/auth/email/resend', { email });
}

export function logIn(input: { email: string; password: string; rememberMe: boolean }): Promise<{ user: User }> {
  return apiRequest('POST', '/auth/login', input);
}

export function logOut(): Promise<void> {
  return apiRequest('POST', '/auth/logout');
}

export function fetchSession(): Promise<SessionInfo> {
  return apiRequest('GET', '/auth/session');
}

export function requestPasswordReset(email: string): Promise<unknown> {
  return apiRequest('POST', '/auth/password/forgot', { email });
}

export function resetPassword(input: { token: string; password: string }): Promise<unknown> {
  return apiRequest('POST', '/auth/password/reset', input);
}
