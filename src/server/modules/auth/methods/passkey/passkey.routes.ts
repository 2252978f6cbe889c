/**
 * Passkeys in account settings: list, add (options, then the authenticator's answer), rename,
 * remove. Adding and removing need a recent authentication (step-up); both are audited and
 * mailed to the owner. A passkey id of another account answers 404, like an unknown one.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddedPasskeySchema,
  AddPasskeySchema,
  NoContentSchema,
  PasskeyCreationOptionsSchema,
  type PasskeyCreationOptions,
  PasskeyIdParamsSchema,
  PasskeyListSchema,
  PasskeyResponseSchema,
  ProblemSchema,
  RenamePasskeySchema,
} from '../../../../../shared/contracts.js';
import type { Deps } from '../../../../platform/deps.js';
import { authOf, requireAuth } from '../../../../http/auth-guard.js';
import { requestContext } from '../../../../http/request-context.js';
import { requireRecentAuthentication } from '../../../../http/step-up.js';
import { offerSignOutOthers, SIGN_OUT_OFFER_DESCRIPTION } from '../../../sessions/index.js';
import { addPasskey, keepUserPasskey, listUserPasskeys, removeUserPasskey, renameUserPasskey, startPasskeyRegistration } from './passkey.service.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export function passkeyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth(deps));
    const stepUp = requireRecentAuthentication(deps);

    app.get(
      '/account/passkeys',
      { schema: { tags: ['account'], summary: 'Passkeys on the account', response: { 200: PasskeyListSchema, ...problems } } },
      async (request) => ({ passkeys: await listUserPasskeys(deps, authOf(request).user.id) }),
    );

    app.post(
      '/account/passkeys/options',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Start adding a passkey: options for navigator.credentials.create() (startRegistration), valid 5 minutes',
          response: { 200: PasskeyCreationOptionsSchema, ...problems },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return (await startPasskeyRegistration(deps, authOf(request))) as PasskeyCreationOptions;
      },
    );

    app.post(
      '/account/passkeys',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Finish adding a passkey with the authenticator\'s answer; answers recovery codes when the account had none',
          description: SIGN_OUT_OFFER_DESCRIPTION,
          body: AddPasskeySchema,
          response: { 201: AddedPasskeySchema, 409: ProblemSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { name, response } = request.body;
        const added = await addPasskey(
          deps,
          authOf(request),
          { name, response: response as RegistrationResponseJSON },
          requestContext(request),
        );
        reply.header('cache-control', 'no-store');
        await offerSignOutOthers(deps, reply, authOf(request));
        return reply.code(201).send(added);
      },
    );

    app.patch(
      '/account/passkeys/:id',
      {
        schema: {
          tags: ['account'],
          summary: 'Rename a passkey',
          params: PasskeyIdParamsSchema,
          body: RenamePasskeySchema,
          response: { 200: PasskeyResponseSchema, 404: ProblemSchema, ...problems },
        },
      },
      async (request) => {
        const { user } = authOf(request);
        return { passkey: await renameUserPasskey(deps, user, request.params.id, request.body.name, requestContext(request)) };
      },
    );

    app.post(
      '/account/passkeys/:id/keep',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Keep a passkey that was put on hold after a reported sign-in, so it signs in alone again',
          params: PasskeyIdParamsSchema,
          response: { 200: PasskeyResponseSchema, 404: ProblemSchema, ...problems },
        },
      },
      async (request) => {
        const { user } = authOf(request);
        return { passkey: await keepUserPasskey(deps, user, request.params.id, requestContext(request)) };
      },
    );

    app.delete(
      '/account/passkeys/:id',
      {
        preHandler: stepUp,
        schema: {
          tags: ['account'],
          summary: 'Remove a passkey; the last second factor takes the recovery codes with it',
          description: SIGN_OUT_OFFER_DESCRIPTION,
          params: PasskeyIdParamsSchema,
          response: { 204: NoContentSchema, 404: ProblemSchema, ...problems },
        },
      },
      async (request, reply) => {
        await removeUserPasskey(deps, authOf(request).user, request.params.id, requestContext(request));
        await offerSignOutOthers(deps, reply, authOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
