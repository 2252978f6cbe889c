/** The skills taxonomy (anyone), public profiles (per visibility) and talent search (clients). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/contracts.js';
import {
  CategoryListSchema,
  EntryIdParamsSchema,
  PublicFreelancerSchema,
  SkillListSchema,
  SkillQuerySchema,
  TalentSearchQuerySchema,
  TalentSearchResultSchema,
} from '../../../shared/profiles-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { authOf, optionalAuth, requireAuth } from '../../http/auth-guard.js';
import { mayHire } from './profiles.service.js';
import { publicFreelancerProfile } from './public-profile.js';
import { listCategories, listSkills, searchSkills } from './skills.js';
import { searchTalent } from './talent-search.js';

export function discoveryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/skills',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Skills of the taxonomy: all (or one category), or the best 20 matches for q (prefixes, words, typos)',
          querystring: SkillQuerySchema,
          response: { 200: SkillListSchema, 400: ProblemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        const { q, category } = request.query;
        return { skills: q?.trim() ? searchSkills(q).filter((s) => !category || s.categoryId === category) : listSkills(category) };
      },
    );

    app.get(
      '/categories',
      { schema: { tags: ['profiles'], summary: 'Categories of the skills taxonomy', response: { 200: CategoryListSchema } } },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return { categories: listCategories() };
      },
    );

    app.get(
      '/freelancers/:id',
      {
        schema: {
          tags: ['profiles'],
          summary: 'A public profile, per its visibility (public, signed_in, private); 404 to anyone it is not shown to',
          params: EntryIdParamsSchema,
          response: { 200: PublicFreelancerSchema, 400: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const viewer = await optionalAuth(deps, request);
        reply.header('cache-control', 'private, no-cache');
        return publicFreelancerProfile(deps, request.params.id, viewer?.user.id ?? null);
      },
    );

    app.get(
      '/freelancers',
      {
        preValidation: requireAuth(deps),
        schema: {
          tags: ['profiles'],
          summary: 'Talent search for clients: full text (quotes, -word, or), filters, facet counts, keyset pagination',
          querystring: TalentSearchQuerySchema,
          response: { 200: TalentSearchResultSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!(await mayHire(deps, authOf(request).user))) throw new AppError('client_role_required');
        reply.header('cache-control', 'private, no-store');
        return searchTalent(deps, request.query);
      },
    );
  };
}
