/**
 * Passkey ceremonies in the browser (through @simplewebauthn/browser, never hand-rolled) and
 * what to say when one does not finish. A person closing the browser's prompt, a timeout, or
 * one ceremony replacing another (the autofill request is aborted when the button is pressed)
 * are not errors to shout about.
 */
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  WebAuthnError,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/error-messages';

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

/** Whether this browser offers passkeys in the username field's autofill (conditional mediation). */
export function passkeyAutofillSupported(): Promise<boolean> {
  return browserSupportsWebAuthnAutofill();
}

/** Asks the browser for a passkey; `autofill` waits for the person to pick one in the username field. */
export function getPasskeyAssertion(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  options: { autofill?: boolean } = {},
): Promise<AuthenticationResponseJSON> {
  return startAuthentication({ optionsJSON, useBrowserAutofill: options.autofill ?? false });
}

/** Asks the browser to create a passkey for the account. */
export function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  return startRegistration({ optionsJSON });
}

/** Ends a pending ceremony (such as the autofill request when the page goes away). */
export function cancelPasskeyCeremony(): void {
  WebAuthnAbortService.cancelCeremony();
}

/** True when the ceremony ended without a failure worth an error: closed, timed out, or replaced. */
export function isPasskeyCancelled(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  if (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED') return true;
  return name === 'NotAllowedError' || name === 'AbortError';
}

/** The sentence for a passkey ceremony or call that failed. */
export function passkeyErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return errorMessage(error);
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return 'This passkey is already on your account.';
  }
  if (isPasskeyCancelled(error)) return 'The passkey request was closed or timed out. Try again when you are ready.';
  return 'Your browser could not use a passkey here. Try again, or use another way.';
}
