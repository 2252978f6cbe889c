/** Links into and out of the login flow, built on the shared rule for `next` (src/shared). */
import { AUTH_PAGES, HOME_PATH } from '../../shared/safe-next-path';

export { HOME_PATH, safeNextPath } from '../../shared/safe-next-path';

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
