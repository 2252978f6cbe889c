/**
 * Sign-in with Google, Apple and other OpenID providers in the browser: the redirect flow, the
 * account a first sign-in creates (apps' too), and the proof that connects a provider to an
 * existing account. Native apps' ID tokens: provider-app.routes.ts. The rules: provider-sign-in.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AcceptedSchema, ProblemSchema, TokenResponseSchema, UserResponseSchema } from '../../../../../shared/contracts.js';
import {
  ProviderAuthorizationSchema,
  ProviderAuthorizeSchema,
  ProviderParamsSchema,
  ProviderLinkConfirmSchema,
  ProviderLinkedSchema,
  ProviderListSchema,
  ProviderOutcomeSchema,
  ProviderSignupSchema,
} from '../../../../../shared/provider-contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { authOf, requireAuth } from '../../../../http/auth-guard.js';
import { AppError } from '../../../../http/errors.js';
import { rateLimit } from '../../../../http/rate-limit.js';
import { requestContext } from '../../../../http/request-context.js';
import { requireRecentAuthentication } from '../../../../http/step-up.js';
import { finishLogin } from '../../login.routes.js';
import { configuredProvider, providerView } from './provider-clients.js';
import {
  forgetOutcome,
  parkForm,
  readOutcome,
  saveOutcome,
  takeParkedForm,
  takePendingSignup,
} from './provider-flow-state.js';
import { confirmLinkFromMail, mailLinkForPending } from './provider-link.js';
import { beginAuthorization, completeCallback } from './provider-sign-in.js';
import { createProviderAccount } from './provider-sign-up.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema, 503: ProblemSchema };
/** Callback parameters arrive as the provider sends them; only short strings are kept. */
const CallbackQuerySchema = z.record(z.string(), z.union([z.string().max(4096), z.array(z.string())]));

const PROVIDER_PAGE = '/login/provider';

/** Sends the browser to the page that tells the outcome (or the error code) of a provider sign-in. */
function toProviderPage(deps: Deps, reply: FastifyReply, failure?: { error: string; provider: string }) {
  const url = new URL(PROVIDER_PAGE, deps.config.publicUrl);
  if (failure) {
    url.searchParams.set('error', failure.error);
    // Named only when configured, so the URL cannot put a made-up provider name on the page.
    if (deps.config.oidcProviders.some((provider) => provider.id === failure.provider)) url.searchParams.set('provider', failure.provider);
  }
  reply.header('cache-control', 'no-store');
  return reply.redirect(url.toString(), 303);
}

function singleValues(query: Record<string, string | string[]>): Record<string, string> {
  // A repeated parameter is ambiguous; keep none of it rather than guess.
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function oidcRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  const providerLimit = rateLimit(config, kv, 'provider');
  return async (app) => {
    app.get(
      '/auth/providers',
      {
        schema: { tags: ['auth'], summary: 'Sign-in providers configured on this deployment', response: { 200: ProviderListSchema } },
      },
      async () => ({ providers: config.oidcProviders.map(providerView) }),
    );

    app.post(
      '/auth/oidc/:provider/authorize',
      {
        preHandler: providerLimit,
        schema: {
          tags: ['auth'],
          summary: "Start a provider sign-in: answers the provider's URL and binds the attempt to this browser (10 minutes)",
          params: ProviderParamsSchema,
          body: ProviderAuthorizeSchema,
          response: { 200: ProviderAuthorizationSchema, ...problems },
        },
      },
      async (request, reply) => {
        const intent = request.body?.intent ?? 'login';
        let session: { id: string; userId: string } | undefined;
        if (intent !== 'login') {
          // Connecting or confirming acts on the signed-in account, so it needs one (and a
          // recent sign-in to connect: a new way in is as sensitive as a new password).
          await requireAuth(deps)(request, reply);
          if (intent === 'link') await requireRecentAuthentication(deps)(request);
          const auth = authOf(request);
          if (auth.via !== 'cookie') throw new AppError('forbidden');
          session = { id: auth.session.id, userId: auth.user.id };
        }
        const authorizationUrl = await beginAuthorization(deps, request, reply, request.params.provider, {
          intent,
          rememberMe: request.body?.rememberMe ?? false,
          next: request.body?.next,
          ...(session ? { session } : {}),
        });
        reply.header('cache-control', 'no-store');
        return { authorizationUrl };
      },
    );

    const handleCallback = async (
      request: FastifyRequest,
      reply: FastifyReply,
      provider: string,
      params: Record<string, string>,
    ) => {
      const context = requestContext(request);
      try {
        const outcome = await completeCallback(deps, request, reply, provider, params, context);
        await saveOutcome(deps, reply, outcome);
        return toProviderPage(deps, reply);
      } catch (error) {
        if (error instanceof AppError) return toProviderPage(deps, reply, { error: error.code, provider });
        throw error;
      }
    };

    app.get(
      '/auth/oidc/:provider/callback',
      {
        preHandler: providerLimit,
        schema: {
          tags: ['auth'],
          summary: 'Where the provider sends the browser back; redirects to /login/provider',
          params: ProviderParamsSchema,
          querystring: CallbackQuerySchema,
        },
      },
      async (request, reply) => {
        const query = singleValues(request.query);
        // Apple's form POST, bounced here so the Lax cookies that bind the attempt ride along.
        if (query.form !== undefined) {
          const form = await takeParkedForm(deps, query.form);
          if (!form) return toProviderPage(deps, reply, { error: 'oidc_invalid_state', provider: request.params.provider });
          return handleCallback(request, reply, request.params.provider, form);
        }
        return handleCallback(request, reply, request.params.provider, query);
      },
    );

    // Apple posts the answer from its own site (response_mode=form_post). Cookies with
    // SameSite=Lax do not ride on that cross-site POST, so the form is parked for two minutes
    // and the browser is bounced to the GET above, a top-level navigation that carries them.
    await app.register(async (plain) => {
      const formPost = plain.withTypeProvider<ZodTypeProvider>();
      formPost.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      formPost.post(
        '/auth/oidc/:provider/callback',
        {
          config: { crossSiteFormPost: true },
          preHandler: providerLimit,
          schema: {
            tags: ['auth'],
            summary: "The provider's form POST (Apple); bounced to the GET callback",
            params: ProviderParamsSchema,
            body: z.record(z.string(), z.string().max(4096)),
          },
        },
        async (request, reply) => {
          configuredProvider(config, request.params.provider);
          const ticket = await parkForm(deps, request.body);
          const back = new URL(`/api/v1/auth/oidc/${request.params.provider}/callback`, config.publicUrl);
          back.searchParams.set('form', ticket);
          reply.header('cache-control', 'no-store');
          return reply.redirect(back.toString(), 303);
        },
      );
    });

    app.get(
      '/auth/oidc/outcome',
      {
        schema: {
          tags: ['auth'],
          summary: "What this browser's last provider callback came to (10 minutes)",
          response: { 200: ProviderOutcomeSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const stored = await readOutcome(deps, request);
        if (!stored) throw new AppError('not_found');
        // A finished outcome is told once; one that waits for the person (a role choice, a
        // proof) stays for a reload of the page.
        const waiting = stored.view.outcome === 'signup_required' || stored.view.outcome === 'link_required';
        if (!waiting) await forgetOutcome(deps, request, reply);
        reply.header('cache-control', 'no-store');
        return stored.view;
      },
    );

    app.post(
      '/auth/oidc/signup',
      {
        preHandler: rateLimit(config, kv, 'signup'),
        schema: {
          tags: ['auth'],
          summary: 'Create the account a provider vouched for: browsers by their outcome cookie, apps with signupToken',
          body: ProviderSignupSchema,
          // Token first: a zod object drops unknown keys, so {user} would match a token answer too.
          response: { 200: z.union([TokenResponseSchema, UserResponseSchema]), ...problems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const ticket = request.body.signupToken ?? (await readOutcome(deps, request))?.signupTicket;
        const signup = ticket ? await takePendingSignup(deps, ticket) : undefined;
        if (!signup) throw new AppError('challenge_expired');
        // A browser's ticket comes from its own cookie; an app's ticket is never accepted from a browser's cookie and vice versa.
        if ((request.body.signupToken === undefined) !== (signup.client === 'browser')) throw new AppError('challenge_expired');
        const user = await createProviderAccount(deps, signup, { role: request.body.role, name: request.body.name }, context);
        if (signup.client === 'browser') await forgetOutcome(deps, request, reply);
        const pending = { client: signup.client, rememberMe: signup.rememberMe, firstFactor: signup.provider, aal: 1 as const };
        return finishLogin(deps, reply, user, pending, context);
      },
    );

    app.post(
      '/auth/oidc/link/email',
      {
        preHandler: rateLimit(config, kv, 'resend'),
        schema: {
          tags: ['auth'],
          summary: 'Instead of logging in: mail the matching account a link that connects the provider this browser brought',
          response: { 202: AcceptedSchema, ...problems },
        },
      },
      async (request, reply) => {
        await mailLinkForPending(deps, request, requestContext(request));
        return reply.code(202).send({ status: 'link_sent' });
      },
    );

    app.post(
      '/auth/oidc/link/confirm',
      {
        preHandler: rateLimit(config, kv, 'verify'),
        schema: {
          tags: ['auth'],
          summary: 'Connect the provider named in a "connect your account" mail link',
          body: ProviderLinkConfirmSchema,
          response: { 200: ProviderLinkedSchema, ...problems },
        },
      },
      async (request) => confirmLinkFromMail(deps, request.body.token, requestContext(request)),
    );

  };
}
