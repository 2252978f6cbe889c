/**
 * A native app trades its refresh token for a new access token and refresh token
 * (sessions/refresh-tokens.ts holds the rotation rules). A refused trade is one answer,
 * 401 invalid_refresh_token, whatever the reason; a reused token ends its session, and that is
 * written to the account's audit trail, where the owner sees it in their security activity.
 */
import type { Deps, RequestContext } from '../../../platform/deps.js';
import { AppError } from '../../../http/errors.js';
import { findUserById, toUserView } from '../../accounts/index.js';
import { recordAuditEvent } from '../../security/index.js';
import { rotateRefreshToken } from '../../sessions/index.js';

export async function refreshAppToken(deps: Deps, refreshToken: string, context: RequestContext) {
  const result = await rotateRefreshToken(deps, refreshToken);
  if (result.outcome === 'reused') {
    if (result.ended) {
      await recordAuditEvent(deps, deps.db, context, {
        event: 'session_revoked',
        userId: result.userId,
        details: { sessionId: result.sessionId, reason: 'refresh_token_reused' },
      });
    }
    throw new AppError('invalid_refresh_token');
  }
  if (result.outcome === 'invalid') throw new AppError('invalid_refresh_token');
  const user = await findUserById(deps.db, result.userId);
  if (!user) throw new AppError('invalid_refresh_token');
  return { token: result.token, refreshToken: result.refreshToken, expiresAt: result.expiresAt.toISOString(), user: toUserView(user) };
}
