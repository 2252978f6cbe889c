import type { User } from '../../../shared/contracts.js';
import type { AuthUser } from '../sessions/sessions.service.js';

/** The public shape of a user, as every route returns it. */
export function toUserView(user: AuthUser): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
    isAdmin: user.isAdmin,
  };
}
