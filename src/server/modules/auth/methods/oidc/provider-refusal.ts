/**
 * Every refused provider sign-in ends the same way, in the browser flow and the native one:
 * a `login_failed` audit event naming the provider and the reason (never a token or a code),
 * then a stable error code for the page or the app.
 */
import type { OidcProviderConfig } from '../../../../config.js';
import type { Deps, RequestContext } from '../../../../platform/deps.js';
import { AppError } from '../../../../http/errors.js';
import type { ErrorCode } from '../../../../../shared/error-codes.js';
import { recordAuditEvent } from '../../../security/audit.service.js';

export async function refuseProviderSignIn(
  deps: Deps,
  context: RequestContext,
  provider: OidcProviderConfig,
  refusal: { code: ErrorCode; reason: string; userId?: string | null; client?: 'app' },
): Promise<never> {
  await recordAuditEvent(deps, deps.db, context, {
    event: 'login_failed',
    userId: refusal.userId ?? null,
    details: { reason: refusal.reason, method: provider.id, provider: provider.label, ...(refusal.client ? { client: refusal.client } : {}) },
  });
  throw new AppError(refusal.code);
}
