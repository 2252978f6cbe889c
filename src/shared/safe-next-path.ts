/**
 * Where to go after signing in. `next` comes from a URL, so it is untrusted: only a path on
 * this site is followed (no "//evil.example", no "https://…", no backslash tricks), and never
 * back to a page of the login flow itself. The web app and the server (provider sign-in keeps
 * `next` across the provider's pages) apply the same rule.
 */
export const HOME_PATH = '/onboarding';

// Pages of the login flow and pages behind single-use mail links (their token must not travel on).
export const AUTH_PAGES = /^\/(login|signup|verify-email|forgot-password|reset-password|unlock|not-me|confirm-email-change|undo-email-change|connect-provider)(\/|\?|$)/;

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return HOME_PATH;
  // Control characters (a newline could split a header or a log line) are refused.
  if (/[\u0000-\u001f\u007f]/.test(next)) return HOME_PATH;
  if (AUTH_PAGES.test(next)) return HOME_PATH;
  return next;
}
