/**
 * Admin routes: a signed-in admin whose account has a second factor or passkey, with an
 * authentication younger than 10 minutes (every admin action is a sensitive change).
 * Anyone else gets 403 forbidden, whatever the route, so the admin surface reveals nothing.
 */
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Deps } from '../platform/deps.js';
import { users } from '../modules/accounts/accounts.table.js';
import { enabledSecondFactors } from '../modules/auth/methods/registry.js';
import { authOf } from './auth-guard.js';
import { AppError } from './errors.js';
import { requireRecentAuthentication } from './step-up.js';

/** True when the user holds the admin role. */
export async function isAdmin(deps: Pick<Deps, 'db'>, userId: string): Promise<boolean> {
  const [row] = await deps.db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId));
  return row?.isAdmin ?? false;
}

/** preHandlers to place after requireAuth on every admin route. */
export function requireAdmin(deps: Deps) {
  const recent = requireRecentAuthentication(deps);
  return [
    async function adminOnly(request: FastifyRequest): Promise<void> {
      const { user } = authOf(request);
      if (!(await isAdmin(deps, user.id))) throw new AppError('forbidden');
      if ((await enabledSecondFactors(deps, user.id)).length === 0) throw new AppError('admin_second_factor_required');
    },
    recent,
  ];
}
