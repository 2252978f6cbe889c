/**
 * The support queue for admins: list, read, answer, close. Every route: requireAuth + requireAdmin
 * as onRequest hooks, before the body is read, so a non-admin gets 403 whatever they send.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/contracts.js';
import {
  AdminSupportTicketDetailSchema,
  AdminSupportTicketListSchema,
  AdminSupportTicketQuerySchema,
  AdminSupportTicketSummarySchema,
  CloseSupportTicketSchema,
  SupportReplySchema,
  SupportTicketIdParamsSchema,
} from '../../../shared/support-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { requireAdmin } from '../../http/admin-guard.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { requestContext } from '../../http/request-context.js';
import { answerTicket, closeTicket, getTicketForAdmin, listQueue } from './support.service.js';
import { toAdminMessageView, toAdminTicketView } from './support.view.js';

const REFUSED = { 401: ProblemSchema, 403: ProblemSchema };

export function supportAdminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const guard = [requireAuth(deps), ...requireAdmin(deps)];

    app.get(
      '/admin/support/tickets',
      {
        onRequest: guard,
        schema: {
          tags: ['admin'],
          summary: 'The support queue, newest first (status, limit, cursor)',
          querystring: AdminSupportTicketQuerySchema,
          response: { 200: AdminSupportTicketListSchema, 400: ProblemSchema, ...REFUSED },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const { tickets, nextCursor } = await listQueue(deps, request.query);
        return { tickets: tickets.map(toAdminTicketView), nextCursor };
      },
    );

    app.get(
      '/admin/support/tickets/:id',
      {
        onRequest: guard,
        schema: {
          tags: ['admin'],
          summary: 'A ticket with its messages and the accounts behind it',
          params: SupportTicketIdParamsSchema,
          response: { 200: AdminSupportTicketDetailSchema, 400: ProblemSchema, 404: ProblemSchema, ...REFUSED },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const admin = authOf(request).user.id;
        const found = await getTicketForAdmin(deps, admin, request.params.id, requestContext(request));
        return {
          ticket: { ...toAdminTicketView(found.ticket), emailAccountId: found.emailAccountId },
          messages: found.messages.map(toAdminMessageView),
        };
      },
    );

    app.post(
      '/admin/support/tickets/:id/reply',
      {
        onRequest: guard,
        schema: {
          tags: ['admin'],
          summary: "Answer a ticket: it becomes answered and the reply is mailed to the ticket's address",
          params: SupportTicketIdParamsSchema,
          body: SupportReplySchema,
          response: {
            200: AdminSupportTicketSummarySchema,
            400: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            413: ProblemSchema,
            ...REFUSED,
          },
        },
      },
      async (request) => {
        const admin = authOf(request).user.id;
        const ticket = await answerTicket(deps, admin, request.params.id, request.body.message, requestContext(request));
        return toAdminTicketView(ticket);
      },
    );

    app.post(
      '/admin/support/tickets/:id/close',
      {
        onRequest: guard,
        schema: {
          tags: ['admin'],
          summary: 'Close a ticket; the optional reason is kept in the audit log',
          params: SupportTicketIdParamsSchema,
          body: CloseSupportTicketSchema,
          response: { 200: AdminSupportTicketSummarySchema, 400: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema, ...REFUSED },
        },
      },
      async (request) => {
        const admin = authOf(request).user.id;
        const ticket = await closeTicket(deps, admin, request.params.id, request.body?.reason, requestContext(request));
        return toAdminTicketView(ticket);
      },
    );
  };
}
