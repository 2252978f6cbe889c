/**
 * Native apps sign in with the provider's own SDK (Sign in with Apple on iOS, Google Sign-In on
 * Android): a nonce from here goes into the SDK's request, and the ID token it returns is
 * exchanged for a Workgate token, a second step, or a sign-up ticket (provider-native.ts checks it).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema, TokenResponseSchema } from '../../../../../shared/contracts.js';
import {
  MfaRequiredSchema,
  ProviderParamsSchema,
  ProviderNonceSchema,
  ProviderSignupRequiredSchema,
  ProviderTokenLoginSchema,
} from '../../../../../shared/provider-contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { rateLimit } from '../../../../http/rate-limit.js';
import { requestContext } from '../../../../http/request-context.js';
import { accountForPerson, holdSignup, signInConnected } from './provider-account.js';
import { configuredProvider, providerView } from './provider-clients.js';
import { issueNonce } from './provider-flow-state.js';
import { verifyAppIdToken } from './provider-native.js';
import { refuseProviderSignIn } from './provider-refusal.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema, 503: ProblemSchema };

export function providerAppRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  const providerLimit = rateLimit(config, kv, 'provider');
  return async (app) => {
    app.post(
      '/auth/oidc/:provider/nonce',
      {
        preHandler: providerLimit,
        schema: {
          tags: ['auth'],
          summary: "A single-use nonce (10 minutes) for a native app's own provider sign-in",
          params: ProviderParamsSchema,
          response: { 200: ProviderNonceSchema, ...problems },
        },
      },
      async (request, reply) => {
        const provider = configuredProvider(config, request.params.provider);
        const { nonce, expiresAt } = await issueNonce(deps, provider.id);
        reply.header('cache-control', 'no-store');
        return { nonce, expiresAt: expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/oidc/:provider/token',
      {
        preHandler: [providerLimit, rateLimit(config, kv, 'token')],
        schema: {
          tags: ['auth'],
          summary: 'Native apps: exchange an ID token from the provider SDK for a Workgate token (or a second step, or a sign-up)',
          params: ProviderParamsSchema,
          body: ProviderTokenLoginSchema,
          response: { 200: z.union([TokenResponseSchema, MfaRequiredSchema, ProviderSignupRequiredSchema]), ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const provider = configuredProvider(config, request.params.provider);
        const person = await verifyAppIdToken(deps, provider, request.body, context);
        const pending = { client: 'app' as const, rememberMe: true };
        const account = await accountForPerson(deps, provider, person, context, 'app');
        if (account.kind === 'connected') {
          const answer = await signInConnected(deps, reply, account.user, provider, person, pending, context);
          // An 'app' sign-in always ends in a token or a challenge, never in the browser answer.
          return answer as Exclude<typeof answer, { user: unknown; token?: undefined }>;
        }
        if (account.kind === 'prove_existing') {
          // Apps have no browser to prove the account in: the person connects the provider on the web once.
          return refuseProviderSignIn(deps, context, provider, {
            code: 'oidc_link_required',
            reason: 'link_required',
            userId: account.user.id,
            client: 'app',
          });
        }
        const signupToken = await holdSignup(deps, provider, person, account, pending);
        const { email, name } = account;
        return { signupRequired: true as const, signupToken, provider: providerView(provider), email, name };
      },
    );
  };
}
