/** How a session's sign-in began, in the words of the sessions list ("with Google"). */
import type { DeviceSession } from '../api/account-api';
import { providerName } from './provider-words';

export function signInMethodWords(signedInWith: DeviceSession['signedInWith']): string | null {
  if (!signedInWith) return null;
  switch (signedInWith.method) {
    case 'password':
      return 'with a password';
    case 'passkey':
      return 'with a passkey';
    case 'email_link':
      return 'from the confirmation email';
    case 'provider':
      return signedInWith.provider ? `with ${providerName(signedInWith.provider)}` : null;
  }
}
