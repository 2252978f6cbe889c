import type { Role } from '../../shared/contracts';

/** The roles an account can have (mirrors RoleSchema without bundling zod into the app). */
export const ROLES: readonly Role[] = ['freelancer', 'client'];

/** The role named in a URL parameter, or undefined when it names none. */
export function parseRole(value: string | null | undefined): Role | undefined {
  return ROLES.find((role) => role === value);
}

const SIGNUP_ROLE_KEY = 'workgate.signupRole';

/**
 * The role chosen on /signup before going to a provider, so finishing the sign-up afterwards
 * can start with it chosen (this tab only; the person can still change it).
 */
export function rememberSignupRole(storage: Storage, role: Role | undefined): void {
  try {
    if (role) storage.setItem(SIGNUP_ROLE_KEY, role);
    else storage.removeItem(SIGNUP_ROLE_KEY);
  } catch {
    // Storage refused: the role is simply asked again.
  }
}

/** The role remembered by rememberSignupRole, if any. */
export function recallSignupRole(storage: Storage): Role | undefined {
  try {
    return parseRole(storage.getItem(SIGNUP_ROLE_KEY));
  } catch {
    return undefined;
  }
}
