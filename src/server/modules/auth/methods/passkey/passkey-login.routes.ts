/**
 * Passkey ceremonies outside settings: sign-in with a passkey alone (also browser autofill),
 * and the options for a passkey as the second step of a login or as step-up. The second step
 * itself completes through POST /auth/login/mfa (method 'passkey', code = the assertion's
 * JSON), and step-up through POST /auth/reauthenticate, like every other method.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AppPasskeyLoginSchema,
  AppPasskeyOptionsSchema,
  DeviceTokenHeadersSchema,
  PasskeyLoginSchema,
  PasskeyMfaOptionsSchema,
  PasskeyRequestOptionsSchema,
  type PasskeyRequestOptions,
  ProblemSchema,
  TokenResponseSchema,
  UserResponseSchema,
} from '../../../../../shared/contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { authOf, requireAuth } from '../../../../http/auth-guard.js';
import { rateLimit } from '../../../../http/rate-limit.js';
import { requestContext } from '../../../../http/request-context.js';
import { liveChallenge } from '../../flows/second-factor.js';
import { finishLogin } from '../../login.routes.js';
import { bindAppLoginChallenge, bindLoginChallenge, takeAppLoginChallenge, takeLoginChallenge } from './passkey.ceremony.js';
import { authenticateWithPasskey, passkeyLoginOptions } from './passkey.login.js';
import { passkeyFactorOptions } from './passkey.method.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema };

export function passkeyLoginRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  const optionsLimit = rateLimit(config, kv, 'passkeyOptions');
  return async (app) => {
    app.post(
      '/auth/passkey/options',
      {
        preHandler: optionsLimit,
        schema: {
          tags: ['auth'],
          summary: 'Start a passkey sign-in (button or autofill): options for startAuthentication(), bound to this browser by a 5-minute cookie',
          response: { 200: PasskeyRequestOptionsSchema, 429: ProblemSchema },
        },
      },
      async (_request, reply) => {
        const options = await passkeyLoginOptions(deps);
        await bindLoginChallenge(deps, reply, options.challenge);
        reply.header('cache-control', 'no-store');
        return options as PasskeyRequestOptions;
      },
    );

    app.post(
      '/auth/passkey/login',
      {
        preHandler: rateLimit(config, kv, 'login'),
        schema: {
          tags: ['auth'],
          summary: 'Sign in with a passkey alone; sets the session cookie (assurance level 2)',
          body: PasskeyLoginSchema,
          response: { 200: UserResponseSchema, ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const challenge = await takeLoginChallenge(deps, request, reply);
        const response = request.body.response as AuthenticationResponseJSON;
        const user = await authenticateWithPasskey(deps, { challenge, response }, context);
        const pending = { client: 'browser' as const, rememberMe: request.body.rememberMe ?? false, firstFactor: 'passkey', aal: 2 as const };
        const answer = await finishLogin(deps, reply, user, pending, context);
        // A 'browser' login always ends in the user answer with the cookie set.
        return answer as Exclude<typeof answer, { token: string }>;
      },
    );

    app.post(
      '/auth/token/passkey/options',
      {
        preHandler: optionsLimit,
        schema: {
          tags: ['auth'],
          summary: 'Start a native app\'s passkey sign-in: options for the platform passkey API and the ceremony id to send back (no cookie)',
          response: { 200: AppPasskeyOptionsSchema, 429: ProblemSchema },
        },
      },
      async (_request, reply) => {
        const options = await passkeyLoginOptions(deps);
        const ceremony = await bindAppLoginChallenge(deps, options.challenge);
        reply.header('cache-control', 'no-store');
        return { ceremony, options: options as PasskeyRequestOptions };
      },
    );

    app.post(
      '/auth/token/passkey',
      {
        preHandler: rateLimit(config, kv, 'token'),
        schema: {
          tags: ['auth'],
          summary: 'Sign in a native app with a passkey alone; answers a bearer token (assurance level 2)',
          headers: DeviceTokenHeadersSchema,
          body: AppPasskeyLoginSchema,
          response: { 200: TokenResponseSchema, ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const challenge = await takeAppLoginChallenge(deps, request.body.ceremony);
        const response = request.body.response as AuthenticationResponseJSON;
        const user = await authenticateWithPasskey(deps, { challenge, response }, context);
        const pending = { client: 'app' as const, rememberMe: true, firstFactor: 'passkey', aal: 2 as const };
        const answer = await finishLogin(deps, reply, user, pending, context);
        // An 'app' login always ends in the token answer.
        return answer as Extract<typeof answer, { token: string }>;
      },
    );

    app.post(
      '/auth/login/mfa/passkey/options',
      {
        preHandler: optionsLimit,
        schema: {
          tags: ['auth'],
          summary: 'Options for a passkey as the second step of a login (limited to the account\'s passkeys)',
          body: PasskeyMfaOptionsSchema,
          response: { 200: PasskeyRequestOptionsSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { user } = await liveChallenge(deps, request.body.challenge);
        reply.header('cache-control', 'no-store');
        return (await passkeyFactorOptions(deps, user.id)) as PasskeyRequestOptions;
      },
    );

    app.post(
      '/auth/reauthenticate/passkey/options',
      {
        preHandler: [optionsLimit, requireAuth(deps)],
        schema: {
          tags: ['auth'],
          summary: 'Options for confirming it is you with a passkey (then POST /auth/reauthenticate with method passkey)',
          response: { 200: PasskeyRequestOptionsSchema, ...problems },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return (await passkeyFactorOptions(deps, authOf(request).user.id)) as PasskeyRequestOptions;
      },
    );
  };
}
