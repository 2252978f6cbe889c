/** Calls for second factors: the authenticator app, recovery codes, codes by mail and SMS, the phone number. */
import type { z } from 'zod';
import type { MfaStatusSchema, PhoneStatusSchema, TotpEnrollmentSchema } from '../../shared/contracts';
import type { SecondFactorMethod } from './auth-api';
import { apiRequest } from './client';

export type MfaStatus = z.infer<typeof MfaStatusSchema>;
export type PhoneStatus = z.infer<typeof PhoneStatusSchema>;
/** The channels that deliver codes. */
export type CodeChannel = 'email' | 'sms';
export type TotpEnrollment = z.infer<typeof TotpEnrollmentSchema>;

export function fetchMfaStatus(): Promise<MfaStatus> {
  return apiRequest('GET', '/account/mfa');
}

/** Starts adding an authenticator app: a new secret, as text and as a QR code. */
export function startTotpEnrollment(): Promise<TotpEnrollment> {
  return apiRequest('POST', '/account/mfa/totp');
}

/** Confirms the app with its first code; answers recovery codes when the account had none. */
export function confirmTotpEnrollment(code: string): Promise<{ recoveryCodes: string[] }> {
  return apiRequest('POST', '/account/mfa/totp/confirm', { code });
}

export function removeTotp(): Promise<void> {
  return apiRequest('DELETE', '/account/mfa/totp');
}

/** A new set of recovery codes; the old ones stop working. */
export function regenerateRecoveryCodes(): Promise<{ recoveryCodes: string[] }> {
  return apiRequest('POST', '/account/mfa/recovery-codes');
}

/** Turns on codes by mail or SMS as a second factor; answers recovery codes when the account had none. */
export function turnOnCodeChannel(channel: CodeChannel): Promise<{ recoveryCodes: string[] }> {
  return apiRequest('POST', `/account/mfa/${channel}`);
}

export function turnOffCodeChannel(channel: CodeChannel): Promise<void> {
  return apiRequest('DELETE', `/account/mfa/${channel}`);
}

/** Sets the phone number (any format with a country, or +E.164) and texts it a code. */
export function setPhoneNumber(input: { phone: string; country?: string }): Promise<PhoneStatus> {
  return apiRequest('POST', '/account/phone', input);
}

/** Confirms the phone number with the code texted to it. */
export function verifyPhoneNumber(code: string): Promise<PhoneStatus> {
  return apiRequest('POST', '/account/phone/verify', { code });
}

/** Sends a code by mail or SMS to confirm it is you (step-up). */
export function sendReauthenticationCode(method: SecondFactorMethod): Promise<unknown> {
  return apiRequest('POST', '/auth/reauthenticate/send', { method });
}
