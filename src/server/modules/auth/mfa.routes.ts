/**
 * Second-factor settings: the authenticator app and recovery codes. Every change needs a
 * recent authentication (step-up), is audited and is mailed to the owner.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CodeSchema,
  MfaStatusSchema,
  NoContentSchema,
  ProblemSchema,
  RecoveryCodesSchema,
  TotpEnrollmentSchema,
} from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { AppError } from '../../http/errors.js';
import { requestContext } from '../../http/request-context.js';
import { requireRecentAuthentication } from '../../http/step-up.js';
import { sendSecurityAlert } from '../security/alerts.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from '../sessions/index.js';
import { findPhoneStatus } from './methods/one-time-code/phone-number.service.js';
import { dropUnbackedRecoveryCodes, enabledSecondFactors } from './methods/registry.js';
import {
  countUnusedRecoveryCodes,
  createRecoveryCodes,
  hasOutdatedRecoveryCodes,
  recoveryCodesForNewFactor,
} from './methods/recovery-code/recovery-code.service.js';
import { confirmTotpEnrollment, removeTotp, startTotpEnrollment } from './methods/totp/totp.service.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema };

export function mfaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth(deps));
    const stepUp = requireRecentAuthentication(deps);

    app.get(
      '/account/mfa',
      { schema: { tags: ['account'], summary: 'Second factors set up on the account', response: { 200: MfaStatusSchema, ...problems } } },
      async (request) => {
        const { user } = authOf(request);
        // Whether each method is on is part of `methods` (which lists none without a primary
        // method, when recovery codes alone would not count either).
        const methods = await enabledSecondFactors(deps, user.id);
        return {
          methods,
          recoveryCodesRemaining: await countUnusedRecoveryCodes(deps.db, user.id),
          recoveryCodesOutdated: await hasOutdatedRecoveryCodes(deps.db, user.id),
          totp: methods.includes('totp'),
          emailCode: methods.includes('email_code'),
          smsCode: methods.includes('sms_code'),
          phone: await findPhoneStatus(deps, user.id),
        };
      },
    );

    app.post(
      '/account/mfa/totp',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Start adding an authenticator app: answers the secret as text, URL and QR code',
          response: { 200: TotpEnrollmentSchema, ...problems },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return startTotpEnrollment(deps, authOf(request).user);
      },
    );

    app.post(
      '/account/mfa/totp/confirm',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Confirm the authenticator app with its first code; answers recovery codes when the account has none',
          description: SIGN_OUT_OFFER_DESCRIPTION,
          body: CodeSchema,
          response: { 200: RecoveryCodesSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user } = authOf(request);
        // One transaction: the app is never confirmed without the recovery codes this answer shows.
        const recoveryCodes = await deps.db.transaction(async (tx) => {
          if (!(await confirmTotpEnrollment({ ...deps, db: tx }, user, request.body.code))) throw new AppError('invalid_code');
          const codes = await recoveryCodesForNewFactor(deps, tx, user.id);
          await recordAuditEvent(deps, tx, requestContext(request), { event: 'mfa_enabled', userId: user.id, details: { method: 'totp' } });
          await sendSecurityAlert(deps, tx, user, 'second_factor_added', 'An authenticator app');
          return codes;
        });
        reply.header('cache-control', 'no-store');
        await offerSignOutOthers(deps, reply, authOf(request));
        return { recoveryCodes };
      },
    );

    app.delete(
      '/account/mfa/totp',
      {
        preHandler: stepUp,
        schema: { tags: ['account'], summary: 'Remove the authenticator app', description: SIGN_OUT_OFFER_DESCRIPTION, response: { 204: NoContentSchema, 404: ProblemSchema, ...problems } },
      },
      async (request, reply) => {
        const { user } = authOf(request);
        if (!(await removeTotp(deps, user.id))) throw new AppError('not_found');
        await dropUnbackedRecoveryCodes(deps, user.id);
        await recordAuditEvent(deps, deps.db, requestContext(request), { event: 'mfa_disabled', userId: user.id, details: { method: 'totp' } });
        await sendSecurityAlert(deps, deps.db, user, 'second_factor_removed', 'The authenticator app');
        await offerSignOutOthers(deps, reply, authOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/account/mfa/recovery-codes',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Replace the recovery codes with a new set (the old ones stop working)',
          response: { 200: RecoveryCodesSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user } = authOf(request);
        if ((await enabledSecondFactors(deps, user.id)).length === 0) throw new AppError('method_not_available');
        const recoveryCodes = await createRecoveryCodes(deps, deps.db, user.id);
        await recordAuditEvent(deps, deps.db, requestContext(request), { event: 'recovery_codes_generated', userId: user.id });
        await sendSecurityAlert(deps, deps.db, user, 'recovery_codes_generated');
        reply.header('cache-control', 'no-store');
        return { recoveryCodes };
      },
    );
  };
}
