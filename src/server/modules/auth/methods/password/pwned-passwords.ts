/**
 * Have I Been Pwned's Pwned Passwords range API, through @zxcvbn-ts/matcher-pwned: only the
 * first five hex digits of the password's SHA-1 leave the server (k-anonymity), and the request
 * asks for padding (`Add-Padding: true`), so the size of the answer does not tell the prefix
 * either. The suffix is compared here; padded entries, which carry a count of 0, never match.
 */
import { haveIBeenPwned } from '@zxcvbn-ts/matcher-pwned';

/** The range API did not answer in time, or answered an error. */
export class PwnedPasswordsUnavailable extends Error {
  override name = 'PwnedPasswordsUnavailable';
}

export interface PwnedPasswordsOptions {
  /** Base of the range API, ending in '/'. */
  url: string;
  timeoutMs: number;
}

/** True when the range API knows `password` from a breach; throws PwnedPasswordsUnavailable when it cannot tell. */
export async function isPwnedPassword(password: string, options: PwnedPasswordsOptions): Promise<boolean> {
  const fail = (cause: Error | Response): never => {
    const detail = cause instanceof Error ? cause.message : `status ${cause.status}`;
    throw new PwnedPasswordsUnavailable(`the Pwned Passwords range API did not answer: ${detail}`);
  };
  const line = await haveIBeenPwned(password, {
    // One deadline for the whole request, body included: a slow API must not hold a sign-up.
    universalFetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }),
    url: options.url,
    networkErrorHandler: fail,
  }).catch((error: unknown) => {
    // Reading the body is outside the library's error handler (a deadline met mid-body).
    if (error instanceof PwnedPasswordsUnavailable) throw error;
    return fail(error instanceof Error ? error : new Error(String(error)));
  });
  if (typeof line !== 'string') return false;
  const count = Number.parseInt(line.split(':')[1] ?? '0', 10);
  return count > 0;
}
