/** POST /auth/signup, /auth/email/verify, /auth/email/resend. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptedSchema,
  EmailOnlySchema,
  MfaRequiredSchema,
  ProblemSchema,
  SignupSchema,
  UserResponseSchema,
  VerifyEmailSchema,
} from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { afterFirstFactor } from '../auth/login.routes.js';
import { resendVerification, signUp, verifyEmail } from './accounts.service.js';

export function accountsRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/auth/signup',
      {
        preHandler: rateLimit(config, kv, 'signup'),
        schema: {
          tags: ['auth'],
          summary: 'Create an account; always answers 202 so the address cannot be probed',
          body: SignupSchema,
          response: { 202: AcceptedSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await signUp(deps, request.body, requestContext(request));
        return reply.code(202).send({ status: 'verification_sent' });
      },
    );

    app.post(
      '/auth/email/verify',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['auth'],
          summary:
            'Confirm an email address with the token from the mail; signs the browser in through the checks of a login (suspension, forced reset, second step)',
          body: VerifyEmailSchema,
          response: { 200: z.union([UserResponseSchema, MfaRequiredSchema]), 400: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const user = await verifyEmail(deps, request.body.token, context);
        // The link is a first factor like a password: the same checks follow it.
        const pending = { client: 'browser' as const, rememberMe: false, firstFactor: 'email_link' };
        return afterFirstFactor(deps, reply, user, pending, context, { suspensionChecked: false });
      },
    );

    app.post(
      '/auth/email/resend',
      {
        preHandler: rateLimit(config, kv, 'resend'),
        schema: {
          tags: ['auth'],
          summary: 'Send a new verification link; always answers 202',
          body: EmailOnlySchema,
          response: { 202: AcceptedSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        await resendVerification(deps, request.body.email, requestContext(request));
        return reply.code(202).send({ status: 'verification_sent' });
      },
    );
  };
}
