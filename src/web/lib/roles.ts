import type { Role } from '../../shared/contracts';

/** The roles an account can have (mirrors RoleSchema without bundling zod into the app). */
export const ROLES: readonly Role[] = ['freelancer', 'client'];

/** The role named in a URL parameter, or undefined when it names none. */
export function parseRole(value: string | null | undefined): Role | undefined {
  return ROLES.find((role) => role === value);
}
