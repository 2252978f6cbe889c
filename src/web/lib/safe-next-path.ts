/**
 * Where to go after login. `next` comes from the URL, so it is untrusted: only a path on
 * this site is followed (no "//evil.example", no "https://…", no backslash tricks), and never
 * back to a page of the login flow itself.
 */
export const HOME_PATH = '/onboarding';

// Pages of the login flow and pages behind single-use mail links (their token must not travel on).
const AUTH_PAGES = /^\/(login|signup|verify-email|forgot-password|reset-password|unlock|not-me|confirm-email-change|undo-email-change|connect-provider)(\/|\?|$)/;

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return HOME_PATH;
  // Control characters (a newline could split a header or a log line) are refused.
  if (/[\u0000-\u001f\u007f]/.test(next)) return HOME_PATH;
  if (AUTH_PAGES.test(next)) return HOME_PATH;
  return next;
}

/** The login page that goes on to `next` (a path already checked by safeNextPath). */
export function loginPathWithNext(next: string): string {
  return next === HOME_PATH ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** The second step of a login that goes on to `next` afterwards. */
export function twoStepPathFor(next: string): string {
  return next === HOME_PATH ? '/login/two-step' : `/login/two-step?next=${encodeURIComponent(next)}`;
}

/** /login?next=<path> for the page the person is on now. */
export function loginPathFor(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return here === '/' || AUTH_PAGES.test(here) ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
