/** POST, PATCH and DELETE of the lists on the caller's freelancer profile; foreign ids are 404. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { NoContentSchema, ProblemSchema } from '../../../shared/contracts.js';
import {
  CertificationInputSchema,
  CertificationPatchSchema,
  CertificationSchema,
  EducationInputSchema,
  EducationPatchSchema,
  EducationSchema,
  EmploymentInputSchema,
  EmploymentPatchSchema,
  EmploymentSchema,
  EntryIdParamsSchema,
  PortfolioItemInputSchema,
  PortfolioItemPatchSchema,
  PortfolioItemSchema,
} from '../../../shared/profiles-contracts.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { addEntry, changeEntry, removeEntry } from './entries.service.js';
import type { EntryKind } from './profiles.queries.js';
import type { ProfilesDeps } from './profiles.service.js';

const LISTS: Record<EntryKind, { path: string; input: z.ZodType; patch: z.ZodType; view: z.ZodType; noun: string }> = {
  portfolio: { path: 'portfolio', input: PortfolioItemInputSchema, patch: PortfolioItemPatchSchema, view: PortfolioItemSchema, noun: 'portfolio item (up to 8 uploaded images or PDFs)' },
  employment: { path: 'employment', input: EmploymentInputSchema, patch: EmploymentPatchSchema, view: EmploymentSchema, noun: 'employment entry' },
  education: { path: 'education', input: EducationInputSchema, patch: EducationPatchSchema, view: EducationSchema, noun: 'education entry' },
  certifications: { path: 'certifications', input: CertificationInputSchema, patch: CertificationPatchSchema, view: CertificationSchema, noun: 'certification' },
};

export function entriesRoutes(deps: ProfilesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Before validation: a signed-out caller learns nothing about what the body should be.
    app.addHook('preValidation', requireAuth(deps));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    for (const [kind, list] of Object.entries(LISTS) as [EntryKind, (typeof LISTS)[EntryKind]][]) {
      const base = `/me/profiles/freelancer/${list.path}`;
      app.post(
        base,
        {
          // A retried add (the answer was lost on a bad network) must not add the entry twice.
          config: { idempotent: true },
          schema: {
            tags: ['profiles'],
            summary: `Add a ${list.noun}`,
            body: list.input,
            response: { 201: list.view, 400: ProblemSchema, 401: ProblemSchema, 409: ProblemSchema },
          },
        },
        async (request, reply) => reply.code(201).send(await addEntry(deps, kind, authOf(request).user.id, request.body as Record<string, unknown>)),
      );
      app.patch(
        `${base}/:id`,
        {
          schema: {
            tags: ['profiles'],
            summary: `Change one of your ${list.path} entries; 404 for anyone else's`,
            params: EntryIdParamsSchema,
            body: list.patch,
            response: { 200: list.view, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
          },
        },
        async (request) => changeEntry(deps, kind, authOf(request).user.id, request.params.id, request.body as Record<string, unknown>),
      );
      app.delete(
        `${base}/:id`,
        {
          schema: {
            tags: ['profiles'],
            summary: `Remove one of your ${list.path} entries; 404 for anyone else's`,
            params: EntryIdParamsSchema,
            response: { 204: NoContentSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
          },
        },
        async (request, reply) => {
          await removeEntry(deps, kind, authOf(request).user.id, request.params.id);
          return reply.code(204).send(null);
        },
      );
    }
  };
}
