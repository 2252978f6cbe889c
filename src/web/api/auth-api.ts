/** Calls to /api/v1/auth: sign-up, verification, login and its second step, logout, the session, recovery, step-up. */
import type { z } from 'zod';
import type { MfaRequiredSchema, Role, SecondFactorMethodSchema, SessionResponseSchema, User } from '../../shared/contracts';
import { apiRequest } from './client';

export type SessionInfo = z.infer<typeof SessionResponseSchema>;
export type SecondFactorMethod = z.infer<typeof SecondFactorMethodSchema>;
/** A login that needs its second step: the challenge to complete with one of `methods`. */
export type MfaRequired = z.infer<typeof MfaRequiredSchema>;
/** What POST /auth/login answers: a session, or a challenge for the second step. */
export type LoginAnswer = { user: User } | MfaRequired;

/** True when a login answer asks for the second step. */
export function needsSecondFactor(answer: LoginAnswer): answer is MfaRequired {
  return 'mfaRequired' in answer && answer.mfaRequired === true;
}

export function signUp(input: { name: string; email: string; password: string; role: Role }): Promise<unknown> {
  return apiRequest('POST', '/auth/signup', input);
}

/**
 * Confirms the address with the token from the mail; the server signs this browser in through
 * the checks of a login, so the answer may ask for the second step.
 */
export function verifyEmail(token: string): Promise<LoginAnswer> {
  return apiRequest('POST', '/auth/email/verify', { token });
}

export function resendVerification(email: string): Promise<unknown> {
  return apiRequest('POST', '/auth/email/resend', { email });
}

export function logIn(input: { email: string; password: string; rememberMe: boolean }): Promise<LoginAnswer> {
  return apiRequest('POST', '/auth/login', input);
}

/** Completes a login's second step; the server then sets the session cookie. */
export function completeMfaLogin(input: { challenge: string; method: SecondFactorMethod; code: string }): Promise<{ user: User }> {
  return apiRequest('POST', '/auth/login/mfa', input);
}

/** Sends a code by mail or SMS for a login's second step. */
export function sendMfaLoginCode(input: { challenge: string; method: SecondFactorMethod }): Promise<unknown> {
  return apiRequest('POST', '/auth/login/mfa/send', input);
}

/** What proves it is the person again, for step-up. */
export type ReauthenticationProof = { password: string } | { method: SecondFactorMethod; code: string };

/** Step-up: opens a 10-minute window for sensitive changes in this session. */
export function reauthenticate(proof: ReauthenticationProof): Promise<void> {
  return apiRequest('POST', '/auth/reauthenticate', proof);
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

/** The unlock link from the lockout mail: sign-in from new devices works again. */
export function unlockAccount(token: string): Promise<unknown> {
  return apiRequest('POST', '/auth/unlock', { token });
}

/** "This wasn't me" from a new-device mail: every session ends and a reset link is mailed. */
export function reportNotMe(token: string): Promise<unknown> {
  return apiRequest('POST', '/auth/not-me', { token });
}
