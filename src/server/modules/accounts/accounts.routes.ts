/** POST /auth/signup, /auth/email/verify, /auth/email/resend. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptedSchema,
  EmailOnlySchema,
  ProblemSchema,
  SignupSchema,
  UserResponseSchema,
  VerifyEmailSchema,
} from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { readSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { startSession } from '../auth/flows/sign-in.js';
import { recognizeSignInDevice } from '../security/sign-in-device.js';
import { resendVerification, signUp, verifyEmail } from './accounts.service.js';
import { toUserView } from './user-view.js';

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
          summary: 'Confirm an email address with the token from the mail; signs the browser in',
          body: VerifyEmailSchema,
          response: { 200: UserResponseSchema, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const user = await verifyEmail(deps, request.body.token, context);
        const { token, session } = await startSession(
          deps,
          user,
          { client: 'browser', aal: 1, rememberMe: false, method: 'email_link', presentedToken: readSessionCookie(config, request) },
          context,
        );
        setSessionCookie(config, reply, token, session, deps.clock.now());
        // The browser that confirms a new account is its first known device (no alert for it).
        await recognizeSignInDevice(deps, reply, user, { client: 'browser', alert: 'never' }, context);
        return { user: toUserView(user) };
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
