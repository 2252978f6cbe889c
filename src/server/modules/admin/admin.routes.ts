/**
 * The admin API under /api/v1/admin. Every route: a signed-in admin with a second factor and an
 * authentication younger than 10 minutes (requireAuth + requireAdmin); anyone else gets 403
 * forbidden whatever the route. Every action is audited with the admin, the target and the reason.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminActionResultSchema,
  AdminActionSchema,
  AdminAuditListSchema,
  AdminAuditQuerySchema,
  AdminSetRoleSchema,
  AdminSignOutEveryoneResultSchema,
  AdminSuspendSchema,
  AdminUserDetailSchema,
  AdminUserIdParamsSchema,
  AdminUserListSchema,
  AdminUserSearchQuerySchema,
  type AdminAuditQuery,
} from '../../../shared/admin-contracts.js';
import { ProblemSchema } from '../../../shared/contracts.js';
import type { Deps } from '../../platform/deps.js';
import { requireAdmin } from '../../http/admin-guard.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { AppError } from '../../http/errors.js';
import { requestContext } from '../../http/request-context.js';
import { findUserById, type UserRow } from '../accounts/accounts.queries.js';
import { recordAuditEvent } from '../security/audit.service.js';
import { activeSuspensionsOf, searchAuditEvents, searchUsers, type AuditFilter } from './admin.queries.js';
import {
  forcePasswordReset,
  resendAccountVerification,
  revokeAccountSessions,
  setAdminRole,
  signOutEveryone,
  suspendAccount,
  unsuspendAccount,
} from './admin.service.js';
import { AUDIT_CSV_HEADER, csvLine } from './audit-csv.js';
import { loadAdminUserDetail, loadAdminUserSummary, toAdminAuditEvent, toAdminUserSummary } from './admin-views.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema };
const tags = ['admin'];
/** The most rows one CSV export holds; narrow the filters for more. */
const CSV_MAX_ROWS = 10_000;

const encodeCursor = (email: string) => Buffer.from(email, 'utf8').toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const email = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '\0';
  // PostgreSQL text cannot hold NUL: such a cursor was never ours, and would answer 500.
  if (email.includes('\0')) throw new AppError('validation_failed', { errors: [{ path: 'cursor', message: 'Expected a cursor.' }] });
  return email;
}

function auditFilterOf(query: AdminAuditQuery): AuditFilter {
  return {
    userId: query.userId,
    event: query.event,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    beforeId: query.cursor ? Number(query.cursor) : undefined,
  };
}

export function adminRoutes(deps: Deps): FastifyPluginAsyncZod {
  // onRequest: the guard runs before the body is read, so a non-admin learns nothing from validation.
  const guard = [requireAuth(deps), ...requireAdmin(deps)];
  return async (app) => {
    app.get(
      '/admin/users',
      {
        onRequest: guard,
        schema: { tags, summary: 'Search users by email or name (case-insensitive)', querystring: AdminUserSearchQuerySchema, response: { 200: AdminUserListSchema, ...problems } },
      },
      async (request, reply) => {
        const limit = request.query.limit ?? 25;
        const rows = await searchUsers(deps.db, { query: request.query.query ?? '', limit: limit + 1, afterEmail: decodeCursor(request.query.cursor) });
        const shown = rows.slice(0, limit);
        const suspensions = await activeSuspensionsOf(deps.db, shown.map((u) => u.id), deps.clock.now());
        reply.header('cache-control', 'no-store');
        return {
          users: shown.map((u) => toAdminUserSummary(u, suspensions.get(u.id))),
          nextCursor: rows.length > limit ? encodeCursor(shown.at(-1)!.email) : null,
        };
      },
    );

    app.get(
      '/admin/users/:id',
      {
        onRequest: guard,
        schema: { tags, summary: 'A user: status, sign-in methods, sessions, recent security events', params: AdminUserIdParamsSchema, response: { 200: AdminUserDetailSchema, ...problems } },
      },
      async (request, reply) => {
        const user = await findUserById(deps.db, request.params.id);
        if (!user) throw new AppError('not_found');
        reply.header('cache-control', 'no-store');
        return loadAdminUserDetail(deps, user);
      },
    );

    app.post(
      '/admin/users/:id/suspend',
      {
        onRequest: guard,
        schema: { tags, summary: 'Suspend an account; all its sessions and tokens end at once', params: AdminUserIdParamsSchema, body: AdminSuspendSchema, response: { 200: AdminActionResultSchema, ...problems } },
      },
      async (request) => {
        const { publicReason, note, endsAt } = request.body;
        const actor = { adminId: authOf(request).user.id };
        const input = { userId: request.params.id, actor, publicReason, note, endsAt: endsAt ? new Date(endsAt) : undefined };
        const { user, sessionsEnded } = await suspendAccount(deps, input, requestContext(request));
        return { user: await loadAdminUserSummary(deps, user), sessionsEnded };
      },
    );

    const simpleAction = (
      path: string,
      summary: string,
      act: (input: { userId: string; actor: { adminId: string }; reason?: string | undefined }, context: ReturnType<typeof requestContext>) => Promise<{ user: UserRow; sessionsEnded?: number }>,
    ) =>
      app.post(
        `/admin/users/:id/${path}`,
        {
          onRequest: guard,
          schema: { tags, summary, params: AdminUserIdParamsSchema, body: AdminActionSchema, response: { 200: AdminActionResultSchema, ...problems } },
        },
        async (request) => {
          const input = { userId: request.params.id, actor: { adminId: authOf(request).user.id }, reason: request.body?.reason };
          const { user, sessionsEnded } = await act(input, requestContext(request));
          return { user: await loadAdminUserSummary(deps, user), ...(sessionsEnded !== undefined ? { sessionsEnded } : {}) };
        },
      );

    simpleAction('unsuspend', 'Lift the suspension of an account', async (input, context) => ({ user: await unsuspendAccount(deps, input, context) }));
    simpleAction('revoke-sessions', 'Sign an account out everywhere', (input, context) => revokeAccountSessions(deps, input, context));
    simpleAction('resend-verification', 'Mail a new verification link when the address is unconfirmed', (input, context) => resendAccountVerification(deps, input, context));
    simpleAction('force-password-reset', 'Require a new password at next sign-in; ends sessions and mails a reset link', (input, context) => forcePasswordReset(deps, input, context));

    app.post(
      '/admin/users/:id/admin',
      {
        onRequest: guard,
        schema: { tags, summary: 'Grant or revoke the admin role of another account', params: AdminUserIdParamsSchema, body: AdminSetRoleSchema, response: { 200: AdminActionResultSchema, ...problems } },
      },
      async (request) => {
        const actor = { adminId: authOf(request).user.id };
        const input = { target: { userId: request.params.id }, grant: request.body.grant, actor, reason: request.body.reason };
        const user = await setAdminRole(deps, input, requestContext(request));
        return { user: await loadAdminUserSummary(deps, user) };
      },
    );

    app.post(
      '/admin/sessions/revoke-all',
      {
        onRequest: guard,
        schema: {
          tags,
          summary: 'Sign every account out everywhere (all sessions and app tokens) except this session',
          body: AdminActionSchema,
          response: { 200: AdminSignOutEveryoneResultSchema, ...problems },
        },
      },
      async (request) => {
        const { user, session } = authOf(request);
        const input = { actor: { adminId: user.id }, exceptSessionId: session.id, reason: request.body?.reason };
        return { sessionsEnded: await signOutEveryone(deps, input, requestContext(request)) };
      },
    );

    app.get(
      '/admin/audit',
      {
        onRequest: guard,
        schema: { tags, summary: 'Audit events, newest first, by user, event type and time range', querystring: AdminAuditQuerySchema, response: { 200: AdminAuditListSchema, ...problems } },
      },
      async (request, reply) => {
        const limit = request.query.limit ?? 50;
        const rows = await searchAuditEvents(deps.db, auditFilterOf(request.query), limit + 1);
        const shown = rows.slice(0, limit);
        reply.header('cache-control', 'no-store');
        return { events: shown.map(toAdminAuditEvent), nextCursor: rows.length > limit ? String(shown.at(-1)!.id) : null };
      },
    );

    app.get(
      '/admin/audit.csv',
      {
        onRequest: guard,
        schema: {
          tags,
          summary: `The same audit events as CSV (text/csv, header row, at most ${CSV_MAX_ROWS} rows)`,
          querystring: AdminAuditQuerySchema.omit({ limit: true }),
          response: { 200: z.string(), ...problems },
        },
      },
      async (request, reply) => {
        const admin = authOf(request).user;
        const rows = await searchAuditEvents(deps.db, auditFilterOf(request.query), CSV_MAX_ROWS);
        // Exports carry personal data out of the system: who took one, and of what, is recorded.
        await recordAuditEvent(deps, deps.db, requestContext(request), {
          event: 'admin_audit_exported',
          userId: null,
          details: { by: admin.id, filters: { ...request.query }, rows: rows.length },
        });
        let csv = csvLine(AUDIT_CSV_HEADER);
        for (const row of rows.map(toAdminAuditEvent)) csv += csvLine([row.id, row.at, row.event, row.userId, row.actorId, row.ip, row.userAgent, row.details]);
        const stamp = deps.clock.now().toISOString().slice(0, 10);
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="workgate-audit-${stamp}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(csv);
      },
    );
  };
}
