/**
 * Settings for codes by mail and SMS: the phone number and its confirmation, turning each
 * channel on and off as a second factor, and sending a code for step-up. Every change needs
 * a recent authentication (step-up), is audited and is mailed to the owner.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptedSchema,
  CodeSchema,
  NoContentSchema,
  PhoneInputSchema,
  PhoneStatusSchema,
  ProblemSchema,
  RecoveryCodesSchema,
  SendReauthenticationCodeSchema,
  SmsCodesOnSchema,
} from '../../../../../shared/contracts.js';
import { SMS_SIM_SWAP_WARNING } from '../../../../../shared/sms-warning.js';
import type { Deps } from '../../../../platform/deps.js';
import { authOf, requireAuth } from '../../../../http/auth-guard.js';
import { AppError } from '../../../../http/errors.js';
import { rateLimit } from '../../../../http/rate-limit.js';
import { requestContext } from '../../../../http/request-context.js';
import { requireRecentAuthentication } from '../../../../http/step-up.js';
import { sendSecurityAlert } from '../../../security/alerts.js';
import { recordAuditEvent } from '../../../security/audit.service.js';
import { assertSecondStepOpen } from '../../../security/index.js';
import { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from '../../../sessions/index.js';
import { recoveryCodesForNewFactor } from '../recovery-code/recovery-code.service.js';
import { dropUnbackedRecoveryCodes, usableSecondFactor } from '../registry.js';
import { CODE_CHANNELS, turnOffCodeFactor, turnOnCodeFactor } from './code-settings.service.js';
import type { CodeChannel } from './one-time-code.service.js';
import { confirmPhoneNumber, phoneEnding, startPhoneVerification } from './phone-number.service.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };

export function oneTimeCodeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth(deps));
    const stepUp = requireRecentAuthentication(deps);

    app.post(
      '/account/phone',
      {
        preHandler: [rateLimit(deps.config, deps.kv, 'resend'), stepUp],
        schema: {
          tags: ['account'],
          summary: 'Set the phone number (any format with a country, or +E.164) and text it a confirmation code',
          body: PhoneInputSchema,
          response: { 202: PhoneStatusSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user } = authOf(request);
        const { phone, country } = request.body;
        const status = await startPhoneVerification(deps, user, { phone, country: country || undefined });
        await recordAuditEvent(deps, deps.db, requestContext(request), {
          event: 'phone_verification_sent',
          userId: user.id,
          details: { phoneEnding: phoneEnding(status.phone) },
        });
        return reply.code(202).send(status);
      },
    );

    app.post(
      '/account/phone/verify',
      {
        preHandler: [rateLimit(deps.config, deps.kv, 'verify'), stepUp],
        schema: {
          tags: ['account'],
          summary: 'Confirm the phone number with the code texted to it',
          body: CodeSchema,
          response: { 200: PhoneStatusSchema, 404: ProblemSchema, ...problems },
        },
      },
      async (request) => {
        const { user } = authOf(request);
        const status = await confirmPhoneNumber(deps, user, request.body.code);
        const ending = phoneEnding(status.phone);
        await recordAuditEvent(deps, deps.db, requestContext(request), { event: 'phone_verified', userId: user.id, details: { phoneEnding: ending } });
        await sendSecurityAlert(deps, deps.db, user, 'phone_verified', ending);
        return status;
      },
    );

    for (const [channel, path] of [['email', '/account/mfa/email'], ['sms', '/account/mfa/sms']] as [CodeChannel, string][]) {
      const { method, label } = CODE_CHANNELS[channel];

      app.post(
        path,
        {
          preHandler: stepUp,
          schema: {
            tags: ['account'],
            summary: `Turn on ${label.toLowerCase()} as a second factor; answers recovery codes when the account has none`,
            description:
              channel === 'sms'
                ? `SMS is the weakest second step (SIM swap): the answer's \`warning\` says so, for the client to show, and recommends an authenticator app or a passkey. ${SIGN_OUT_OFFER_DESCRIPTION}`
                : SIGN_OUT_OFFER_DESCRIPTION,
            response: { 200: channel === 'sms' ? SmsCodesOnSchema : RecoveryCodesSchema, ...problems },
          },
        },
        async (request, reply) => {
          const { user } = authOf(request);
          // One transaction: the factor is never on without the recovery codes this answer shows.
          const recoveryCodes = await deps.db.transaction(async (tx) => {
            await turnOnCodeFactor({ ...deps, db: tx }, user, channel);
            const codes = await recoveryCodesForNewFactor(deps, tx, user.id);
            await recordAuditEvent(deps, tx, requestContext(request), { event: 'mfa_enabled', userId: user.id, details: { method } });
            await sendSecurityAlert(deps, tx, user, 'second_factor_added', label);
            return codes;
          });
          reply.header('cache-control', 'no-store');
          await offerSignOutOthers(deps, reply, authOf(request));
          return channel === 'sms' ? { recoveryCodes, warning: SMS_SIM_SWAP_WARNING } : { recoveryCodes };
        },
      );

      app.delete(
        path,
        {
          preHandler: stepUp,
          schema: { tags: ['account'], summary: `Turn off ${label.toLowerCase()}`, description: SIGN_OUT_OFFER_DESCRIPTION, response: { 204: NoContentSchema, 404: ProblemSchema, ...problems } },
        },
        async (request, reply) => {
          const { user } = authOf(request);
          await turnOffCodeFactor(deps, user, channel);
          await dropUnbackedRecoveryCodes(deps, user.id);
          await recordAuditEvent(deps, deps.db, requestContext(request), { event: 'mfa_disabled', userId: user.id, details: { method } });
          await sendSecurityAlert(deps, deps.db, user, 'second_factor_removed', label);
          await offerSignOutOthers(deps, reply, authOf(request));
          return reply.code(204).send(null);
        },
      );
    }

    app.post(
      '/auth/reauthenticate/send',
      {
        preHandler: rateLimit(deps.config, deps.kv, 'resend'),
        schema: {
          tags: ['auth'],
          summary: 'Send a code by mail or SMS to confirm it is you; then POST /auth/reauthenticate with {method, code}',
          body: SendReauthenticationCodeSchema,
          response: { 202: AcceptedSchema, 423: ProblemSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user, session } = authOf(request);
        const method = await usableSecondFactor(deps, user.id, request.body.method);
        if (!method?.send) throw new AppError('method_not_available');
        await assertSecondStepOpen(deps, user.id);
        // The code works for step-up in this session only: not for a login, not elsewhere.
        await method.send(deps, user, { stepUpSessionId: session.id });
        return reply.code(202).send({ status: 'code_sent' });
      },
    );
  };
}
