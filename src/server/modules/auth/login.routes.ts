/**
 * Login for browsers (session cookie) and native apps (bearer token), and its second step.
 * An account with a second factor gets `{mfaRequired, challenge, methods}` instead of a
 * session; POST /auth/login/mfa completes it and answers as the first call would have.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptedSchema,
  CompleteMfaSchema,
  DeviceTokenHeadersSchema,
  LoginSchema,
  MfaRequiredSchema,
  ProblemSchema,
  SendMfaCodeSchema,
  TokenLoginSchema,
  TokenRefreshSchema,
  TokenResponseSchema,
  UserResponseSchema,
} from '../../../shared/contracts.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { readSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { readDeviceToken } from '../../http/device-cookie.js';
import type { UserRow } from '../accounts/accounts.queries.js';
import { toUserView } from '../accounts/user-view.js';
import { assertMaySignIn } from '../admin/suspension.service.js';
import { recognizeSignInDevice } from '../security/sign-in-device.js';
import { authenticateWithPassword } from './flows/login.js';
import { completeLoginChallenge, createLoginChallenge, sendChallengeCode, type PendingLogin } from './flows/second-factor.js';
import { startNewDeviceCheck } from './flows/new-device-check.js';
import { startSession } from './flows/sign-in.js';
import { enabledSecondFactors } from './methods/registry.js';
import { completePendingLink } from './methods/oidc/provider-link.js';
import { issueRefreshToken } from '../sessions/index.js';
import { refreshAppToken } from './flows/token-refresh.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 423: ProblemSchema, 429: ProblemSchema };

/** Ends a successful login: a cookie for browsers, a token in the body for apps (passkey sign-in uses it too). */
export async function finishLogin(
  deps: Deps,
  reply: FastifyReply,
  user: UserRow,
  pending: PendingLogin & { aal: 1 | 2 },
  context: RequestContext,
  options: { suspensionCheckedInThisRequest?: true } = {},
) {
  // Every login ends here, so a suspension stops passkey and second-step logins as well; a
  // password login of this same request was already checked after its password.
  if (!options.suspensionCheckedInThisRequest) await assertMaySignIn(deps, user, context, { method: pending.firstFactor });
  // A browser that still holds a session (its own or someone else's) trades it for the new one.
  const presentedToken = pending.client === 'browser' ? readSessionCookie(deps.config, reply.request) : undefined;
  const { token, session } = await startSession(
    deps,
    user,
    { client: pending.client, aal: pending.aal, rememberMe: pending.rememberMe, method: pending.firstFactor, presentedToken },
    context,
  );
  // The device becomes (or stays) known for the account; the owner hears of a new one, except
  // the browser that confirms a new account's address, which is its first device.
  const alert = pending.firstFactor === 'email_link' ? 'never' : 'if_new';
  await recognizeSignInDevice(deps, reply, user, { client: pending.client, alert }, context);
  if (pending.client === 'app') {
    // Tokens in the body must not be kept by any cache on the way (RFC 6749 §5.1).
    reply.header('cache-control', 'no-store');
    const refreshToken = await issueRefreshToken(deps, deps.db, session.id);
    return { token, expiresAt: session.expiresAt.toISOString(), refreshToken, user: toUserView(user) };
  }
  setSessionCookie(deps.config, reply, token, session, deps.clock.now());
  // A provider sign-in that found this account waits for this login to prove it.
  await completePendingLink(deps, reply, user, context);
  return { user: toUserView(user) };
}

/**
 * After the first factor: a session, or a challenge when the account has a second factor.
 * A password login has checked the suspension already; a provider sign-in has not, and one
 * the provider reports as multi-factor needs no second step here.
 */
export async function afterFirstFactor(
  deps: Deps,
  reply: FastifyReply,
  user: UserRow,
  pending: PendingLogin,
  context: RequestContext,
  options: { suspensionChecked: boolean; secondFactorDone?: boolean; newDevice?: boolean },
) {
  if (!options.suspensionChecked) await assertMaySignIn(deps, user, context, { method: pending.firstFactor });
  if (options.secondFactorDone) return finishLogin(deps, reply, user, { ...pending, aal: 2 }, context, { suspensionCheckedInThisRequest: true });
  const methods = await enabledSecondFactors(deps, user.id);
  if (methods.length > 0) return { mfaRequired: true as const, ...(await createLoginChallenge(deps, user, pending, methods)) };
  if (options.newDevice && deps.config.emailCodeForNewDevices) return startNewDeviceCheck(deps, user, pending);
  return finishLogin(deps, reply, user, { ...pending, aal: 1 }, context, { suspensionCheckedInThisRequest: true });
}

export function loginRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/auth/login',
      {
        preHandler: rateLimit(config, kv, 'login'),
        schema: {
          tags: ['auth'],
          summary: 'Sign in a browser with email and password; sets the session cookie or asks for a second factor',
          body: LoginSchema,
          response: { 200: z.union([UserResponseSchema, MfaRequiredSchema]), ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const { user, newDevice } = await authenticateWithPassword(deps, request.body, context, { deviceToken: readDeviceToken(config, request) });
        const pending = { client: 'browser' as const, rememberMe: request.body.rememberMe ?? false, firstFactor: 'password' };
        return afterFirstFactor(deps, reply, user, pending, context, { suspensionChecked: true, newDevice });
      },
    );

    app.post(
      '/auth/token',
      {
        preHandler: rateLimit(config, kv, 'token'),
        schema: {
          tags: ['auth'],
          summary: 'Sign in a native or mobile app; answers a bearer token (no cookie) or asks for a second factor',
          headers: DeviceTokenHeadersSchema,
          body: TokenLoginSchema,
          response: { 200: z.union([TokenResponseSchema, MfaRequiredSchema]), ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const { user, newDevice } = await authenticateWithPassword(deps, request.body, context, { deviceToken: readDeviceToken(config, request) });
        const pending = { client: 'app' as const, rememberMe: true, firstFactor: 'password' };
        const answer = await afterFirstFactor(deps, reply, user, pending, context, { suspensionChecked: true, newDevice });
        // An 'app' login always ends in a token or a challenge, never in the browser answer.
        return answer as Exclude<typeof answer, { user: unknown; token?: undefined }>;
      },
    );

    app.post(
      '/auth/token/refresh',
      {
        preHandler: rateLimit(config, kv, 'token'),
        schema: {
          tags: ['auth'],
          summary: 'Trade a native app\'s refresh token for a new token and refresh token; a refresh token used twice ends its session',
          body: TokenRefreshSchema,
          response: { 200: TokenResponseSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return refreshAppToken(deps, request.body.refreshToken, requestContext(request));
      },
    );

    app.post(
      '/auth/login/mfa',
      {
        preHandler: rateLimit(config, kv, 'login'),
        schema: {
          tags: ['auth'],
          summary: 'Complete a login with a second factor; answers like /auth/login (browser) or /auth/token (app)',
          body: CompleteMfaSchema,
          // Token first: a zod object drops unknown keys, so {user} would match a token answer too.
          response: { 200: z.union([TokenResponseSchema, UserResponseSchema]), ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const { user, pending, aal } = await completeLoginChallenge(deps, request.body, context);
        return finishLogin(deps, reply, user, { ...pending, aal }, context);
      },
    );

    app.post(
      '/auth/login/mfa/send',
      {
        preHandler: rateLimit(config, kv, 'resend'),
        schema: {
          tags: ['auth'],
          summary: 'Send a code by mail or SMS for the second step of a login',
          body: SendMfaCodeSchema,
          response: { 202: AcceptedSchema, ...problems },
        },
      },
      async (request, reply) => {
        await sendChallengeCode(deps, request.body);
        return reply.code(202).send({ status: 'code_sent' });
      },
    );
  };
}
