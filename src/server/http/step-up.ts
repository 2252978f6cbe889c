/**
 * Step-up ("sudo mode"): sensitive changes need an authentication younger than 10 minutes
 * in this session. Otherwise the answer is 403 reauthentication_required, and the client
 * asks the person again (POST /api/v1/auth/reauthenticate) and retries.
 */
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.js';
import { authOf } from './auth-guard.js';
import { AppError } from './errors.js';

export const STEP_UP_WINDOW_MS = 10 * 60_000;

/** A preHandler, placed after requireAuth, that demands a recent authentication. */
export function requireRecentAuthentication(deps: Pick<Deps, 'clock'>) {
  return async function recentAuthentication(request: FastifyRequest): Promise<void> {
    const { session } = authOf(request);
    if (deps.clock.now().getTime() - session.authenticatedAt.getTime() > STEP_UP_WINDOW_MS) {
      throw new AppError('reauthentication_required');
    }
  };
}
