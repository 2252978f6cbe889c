/**
 * The second-factor methods the flows may use. Adding a method means adding its folder and
 * one line here; no flow changes.
 */
import type { Deps } from '../../../platform/deps.js';
import { emailCodeMethod } from './one-time-code/email-code.method.js';
import { smsCodeMethod } from './one-time-code/sms-code.method.js';
import { passkeyMethod } from './passkey/passkey.method.js';
import { deleteRecoveryCodes, recoveryCodeMethod } from './recovery-code/recovery-code.service.js';
import type { SecondFactorMethod, SecondFactorMethodId } from './second-factor.js';
import { totpMethod } from './totp/totp.service.js';

// Passkeys first: the phishing-resistant choice is the one clients offer by default.
const METHODS: readonly SecondFactorMethod[] = [passkeyMethod, totpMethod, recoveryCodeMethod, emailCodeMethod, smsCodeMethod];

export function findSecondFactorMethod(id: string): SecondFactorMethod | undefined {
  return METHODS.find((method) => method.id === id);
}

async function anyPrimaryEnabled(deps: Deps, userId: string): Promise<boolean> {
  for (const method of METHODS) if (!method.fallback && (await method.isEnabled(deps, userId))) return true;
  return false;
}

/**
 * The methods a user can complete a second step with. Fallbacks (recovery codes) never make a
 * second step required on their own, so they are not even looked up for an account without
 * another method: the common password login costs one query per primary method.
 */
export async function enabledSecondFactors(deps: Deps, userId: string): Promise<SecondFactorMethodId[]> {
  const enabled = new Set<SecondFactorMethodId>();
  for (const method of METHODS) if (!method.fallback && (await method.isEnabled(deps, userId))) enabled.add(method.id);
  if (enabled.size === 0) return [];
  for (const method of METHODS) if (method.fallback && (await method.isEnabled(deps, userId))) enabled.add(method.id);
  return METHODS.filter((method) => enabled.has(method.id)).map((method) => method.id);
}

/**
 * The method named `id` when the user can complete a second step with it (the same answer as
 * `enabledSecondFactors(...).includes(id)`, checking only that method); else undefined.
 */
export async function usableSecondFactor(deps: Deps, userId: string, id: string): Promise<SecondFactorMethod | undefined> {
  const method = findSecondFactorMethod(id);
  if (!method || !(await method.isEnabled(deps, userId))) return undefined;
  if (method.fallback && !(await anyPrimaryEnabled(deps, userId))) return undefined;
  return method;
}

/**
 * After a method was removed: recovery codes back up the other methods, so with none left
 * they would only be a way in, and are deleted.
 */
export async function dropUnbackedRecoveryCodes(deps: Deps, userId: string): Promise<void> {
  if (!(await anyPrimaryEnabled(deps, userId))) await deleteRecoveryCodes(deps.db, userId);
}
