/**
 * The second-factor methods the flows may use. Adding a method means adding its folder and
 * one line here; no flow changes.
 */
import type { Deps } from '../../../platform/deps.js';
import { emailCodeMethod } from './one-time-code/email-code.method.js';
import { smsCodeMethod } from './one-time-code/sms-code.method.js';
import { passkeyMethod } from './passkey/passkey.method.js';
import { recoveryCodeMethod } from './recovery-code/recovery-code.service.js';
import type { SecondFactorMethod, SecondFactorMethodId } from './second-factor.js';
import { totpMethod } from './totp/totp.service.js';

// Passkeys first: the phishing-resistant choice is the one clients offer by default.
const METHODS: SecondFactorMethod[] = [passkeyMethod, totpMethod, recoveryCodeMethod, emailCodeMethod, smsCodeMethod];

/** Registers a further method (used by method folders that are wired at start-up). */
export function registerSecondFactorMethod(method: SecondFactorMethod): void {
  if (!METHODS.some((m) => m.id === method.id)) METHODS.push(method);
}

export function findSecondFactorMethod(id: string): SecondFactorMethod | undefined {
  return METHODS.find((method) => method.id === id);
}

/**
 * The methods a user can complete a second step with. Recovery codes are a fallback for the
 * other methods, so they never make a second step required on their own.
 */
export async function enabledSecondFactors(deps: Deps, userId: string): Promise<SecondFactorMethodId[]> {
  const enabled: SecondFactorMethodId[] = [];
  for (const method of METHODS) if (await method.isEnabled(deps, userId)) enabled.push(method.id);
  return enabled.some((id) => id !== 'recovery_code') ? enabled : [];
}
