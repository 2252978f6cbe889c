/**
 * Is a new password known from a breach? (ASVS 6.2.12; NIST SP 800-63B §3.1.1.2.)
 *
 * The bundled list (breached-list.ts) answers first: it is in memory and also catches a
 * breached password with its case changed. With PASSWORD_BREACH_API=hibp, a password the list
 * does not hold is then looked up in Have I Been Pwned's range API (pwned-passwords.ts).
 *
 * Fail mode: when the API does not answer within PASSWORD_BREACH_API_TIMEOUT_MS, or answers an
 * error, the bundled list's answer stands (the password is accepted unless the list holds it)
 * and a warning is logged. People can always set a password; an outage of the API only narrows
 * the check to the bundled list for as long as it lasts.
 */
import type { Deps } from '../../../../platform/deps.js';
import { loadBreachedList } from './breached-list.js';
import { isPwnedPassword, PwnedPasswordsUnavailable } from './pwned-passwords.js';

export type BreachVerdict = { breached: boolean; source: 'offline' | 'hibp' };

/** Checks a (normalized) password against the breach corpora the configuration names. */
export async function checkBreachedPassword(deps: Pick<Deps, 'config' | 'log'>, password: string): Promise<BreachVerdict> {
  if ((await loadBreachedList()).has(password)) return { breached: true, source: 'offline' };
  const { api, apiUrl, timeoutMs } = deps.config.passwordBreach;
  if (api !== 'hibp') return { breached: false, source: 'offline' };
  try {
    return { breached: await isPwnedPassword(password, { url: apiUrl, timeoutMs }), source: 'hibp' };
  } catch (error) {
    if (!(error instanceof PwnedPasswordsUnavailable)) throw error;
    deps.log.warn({ err: error }, 'breached-password check fell back to the bundled list');
    return { breached: false, source: 'offline' };
  }
}
