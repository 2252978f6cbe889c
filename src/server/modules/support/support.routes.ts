/**
 * POST /support/tickets (signed in or not), and the signed-in person's own tickets under
 * /account/support/tickets. Admin routes are in support-admin.routes.ts.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/contracts.js';
import {
  OpenSupportTicketSchema,
  SupportReplySchema,
  SupportTicketDetailSchema,
  SupportTicketIdParamsSchema,
  SupportTicketListSchema,
  SupportTicketOpenedSchema,
} from '../../../shared/support-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { authOf, presentedSessionToken, requireAuth } from '../../http/auth-guard.js';
import { rateLimit } from '../../http/rate-limit.js';
import { requestContext } from '../../http/request-context.js';
import { validateSessionToken } from '../sessions/sessions.service.js';
import { getOwnTicket, listOwnTickets, openTicket, replyAsRequester } from './support.service.js';
import { toMessageView, toTicketView } from './support.view.js';

/**
 * The signed-in user's id when the request carries a live session, else null. A missing,
 * expired or revoked session is not an error here: the form works signed out.
 */
async function optionalUserId(deps: Deps, request: FastifyRequest): Promise<string | null> {
  const { token } = presentedSessionToken(deps.config, request);
  if (!token) return null;
  const found = await validateSessionToken(deps, token);
  return found?.user.id ?? null;
}

export function supportRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { config, kv } = deps;
  return async (app) => {
    app.post(
      '/support/tickets',
      {
        preHandler: rateLimit(config, kv, 'support'),
        schema: {
          tags: ['support'],
          summary: 'Contact support, signed in or not; the same answer whether or not the address has an account',
          body: OpenSupportTicketSchema,
          response: { 202: SupportTicketOpenedSchema, 400: ProblemSchema, 413: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        const userId = await optionalUserId(deps, request);
        const ticketNumber = await openTicket(deps, request.body, { userId }, requestContext(request));
        return reply.code(202).send({ ticketNumber });
      },
    );

    app.get(
      '/account/support/tickets',
      {
        preHandler: requireAuth(deps),
        schema: {
          tags: ['support'],
          summary: 'Support tickets of the signed-in user (opened signed in or with their verified email), newest first',
          response: { 200: SupportTicketListSchema, 401: ProblemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const tickets = await listOwnTickets(deps, authOf(request).user.id);
        return { tickets: tickets.map(toTicketView) };
      },
    );

    app.get(
      '/account/support/tickets/:id',
      {
        preHandler: requireAuth(deps),
        schema: {
          tags: ['support'],
          summary: "One of the user's tickets with its messages; 404 for anyone else's",
          params: SupportTicketIdParamsSchema,
          response: { 200: SupportTicketDetailSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const { ticket, messages } = await getOwnTicket(deps, authOf(request).user.id, request.params.id);
        return { ticket: toTicketView(ticket), messages: messages.map(toMessageView) };
      },
    );

    app.post(
      '/account/support/tickets/:id/messages',
      {
        preHandler: [requireAuth(deps), rateLimit(config, kv, 'support')],
        schema: {
          tags: ['support'],
          summary: 'Write again on one of your tickets; an answered ticket opens again, a closed one answers 409',
          params: SupportTicketIdParamsSchema,
          body: SupportReplySchema,
          response: {
            200: SupportTicketDetailSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            413: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request) => {
        const { ticket, messages } = await replyAsRequester(deps, authOf(request).user.id, request.params.id, request.body.message, requestContext(request));
        return { ticket: toTicketView(ticket), messages: messages.map(toMessageView) };
      },
    );
  };
}
