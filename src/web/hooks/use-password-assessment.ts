/**
 * Live password strength from the same policy the server enforces (src/shared). The policy
 * carries zxcvbn and its dictionaries (large), so it is loaded on first use, not with the app.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { PasswordAssessment } from '../../shared/password-policy';

type PolicyModule = typeof import('../../shared/password-policy');

let loading: Promise<PolicyModule> | undefined;

/** Starts loading the policy; screens with a new-password field call it early. */
export function loadPasswordPolicy(): Promise<PolicyModule> {
  loading ??= import('../../shared/password-policy');
  return loading;
}

/** The assessment of `password`, or null while the policy loads or the field is empty. */
export function usePasswordAssessment(password: string, userInputs: string[] = []): PasswordAssessment | null {
  const [policy, setPolicy] = useState<PolicyModule | null>(null);
  const deferred = useDeferredValue(password);
  const inputsKey = userInputs.join('\n');

  useEffect(() => {
    let active = true;
    loadPasswordPolicy().then(
      (module) => active && setPolicy(module),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);

  return useMemo(() => {
    if (!policy || deferred.length === 0) return null;
    return policy.assessPassword(deferred, inputsKey ? inputsKey.split('\n') : []);
  }, [policy, deferred, inputsKey]);
}

/**
 * The verdict to use when the form is submitted: the policy's, or null when it could not be
 * loaded (then the server's answer decides).
 */
export async function assessPasswordNow(password: string, userInputs: string[] = []): Promise<PasswordAssessment | null> {
  try {
    return (await loadPasswordPolicy()).assessPassword(password, userInputs);
  } catch {
    return null;
  }
}
