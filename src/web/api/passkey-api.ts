/** Calls for passkeys: the list in settings, adding, renaming, removing, and the sign-in ceremonies. */
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { z } from 'zod';
import type { PasskeySchema, User } from '../../shared/contracts';
import { apiRequest } from './client';

export type Passkey = z.infer<typeof PasskeySchema>;

export function listPasskeys(): Promise<{ passkeys: Passkey[] }> {
  return apiRequest('GET', '/account/passkeys');
}

/** Options for startRegistration(); the challenge is bound to this session for 5 minutes. */
export function passkeyRegistrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return apiRequest('POST', '/account/passkeys/options');
}

/** Stores the new passkey; recoveryCodes is non-empty when it turned on the second step. */
export function addPasskey(input: { name?: string; response: RegistrationResponseJSON }): Promise<{ passkey: Passkey; recoveryCodes: string[] }> {
  return apiRequest('POST', '/account/passkeys', input);
}

export function renamePasskey(id: string, name: string): Promise<{ passkey: Passkey }> {
  return apiRequest('PATCH', `/account/passkeys/${encodeURIComponent(id)}`, { name });
}

/** Keeps a passkey put on hold after a reported sign-in, so it signs in alone again. */
export function keepPasskey(id: string): Promise<{ passkey: Passkey }> {
  return apiRequest('POST', `/account/passkeys/${encodeURIComponent(id)}/keep`);
}

export function removePasskey(id: string): Promise<void> {
  return apiRequest('DELETE', `/account/passkeys/${encodeURIComponent(id)}`);
}

/** Options for a passkey sign-in (button or browser autofill), bound to this browser by a cookie. */
export function passkeyLoginOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return apiRequest('POST', '/auth/passkey/options');
}

/** Signs in with a passkey alone; the server sets the session cookie. */
export function logInWithPasskey(input: { response: AuthenticationResponseJSON; rememberMe?: boolean }): Promise<{ user: User }> {
  return apiRequest('POST', '/auth/passkey/login', input);
}

/** Options for a passkey as the second step of the login holding `challenge`. */
export function passkeySecondStepOptions(challenge: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return apiRequest('POST', '/auth/login/mfa/passkey/options', { challenge });
}

/** Options for confirming it is you with a passkey (step-up). */
export function passkeyReauthenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return apiRequest('POST', '/auth/reauthenticate/passkey/options');
}
