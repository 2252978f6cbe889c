/** How the second step of a login presents each method, in the order it offers them. */
import type { SecondFactorMethod } from '../../api/auth-api';

/**
 * The first method the person has is shown first: a passkey (it cannot be phished), then the
 * app, then codes sent by mail or SMS; recovery codes are the last resort.
 */
export const METHOD_ORDER: readonly SecondFactorMethod[] = ['passkey', 'totp', 'email_code', 'sms_code', 'recovery_code'];

interface MethodWords {
  /** The button that switches to this method. */
  choose: string;
  /** What to do, under the page title. */
  instruction: string;
  label: string;
  hint: string;
  /** A typed code of digits, a recovery code, or a passkey (nothing to type). */
  kind: 'digits' | 'recovery' | 'passkey';
}

export const METHOD_WORDS: Record<SecondFactorMethod, MethodWords> = {
  passkey: {
    choose: 'Use a passkey',
    instruction: 'Use the passkey on this device, your phone or your security key.',
    label: 'Passkey',
    hint: 'Your browser asks for your fingerprint, face, screen lock or security key.',
    kind: 'passkey',
  },
  totp: {
    choose: 'Use your authenticator app',
    instruction: 'Open your authenticator app and enter the code it shows for Workgate.',
    label: 'Code from your authenticator app',
    hint: '6 digits. A new code appears every 30 seconds.',
    kind: 'digits',
  },
  email_code: {
    choose: 'Get a code by email',
    instruction: 'We can email a code to the address of your account.',
    label: 'Code from the email',
    hint: '6 digits, valid for 10 minutes.',
    kind: 'digits',
  },
  sms_code: {
    choose: 'Get a code by text message',
    instruction: 'We can text a code to the phone number you verified.',
    label: 'Code from the text message',
    hint: '6 digits, valid for 10 minutes.',
    kind: 'digits',
  },
  recovery_code: {
    choose: 'Use a recovery code',
    instruction: 'Lost your phone? Enter one of the recovery codes you saved. Each code works once.',
    label: 'Recovery code',
    hint: 'Like ABCD-EFGH-IJKL-MNOP-QRST-UVWX. Dashes and spaces do not matter.',
    kind: 'recovery',
  },
};

/** The methods to offer, in display order. */
export function offeredMethods(methods: readonly string[]): SecondFactorMethod[] {
  return METHOD_ORDER.filter((method) => methods.includes(method));
}
