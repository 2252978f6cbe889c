/** The signed-in person's own profiles: GET /me/profiles, PUT each profile, the photo, roles. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/contracts.js';
import {
  ClientProfileInputSchema,
  ClientProfileSchema,
  FreelancerProfileInputSchema,
  FreelancerProfileSchema,
  MyProfilesSchema,
  PhotoSchema,
  RoleRequestSchema,
} from '../../../shared/profiles-contracts.js';
import { authOf, requireAuth } from '../../http/auth-guard.js';
import { acceptUploads } from '../files/index.js';
import { addRole, getMyProfiles, saveClientProfile, saveFreelancerProfile, setFreelancerPhoto, type ProfilesDeps } from './profiles.service.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema };

export function profilesRoutes(deps: ProfilesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app);
    // Before validation: a signed-out caller learns nothing about what the body should be.
    app.addHook('preValidation', requireAuth(deps));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    app.get(
      '/me/profiles',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Both profiles of the caller (null where not started), each with its completeness',
          response: { 200: MyProfilesSchema, ...problems },
        },
      },
      async (request) => getMyProfiles(deps, authOf(request).user),
    );

    app.put(
      '/me/profiles/freelancer',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Write the freelancer profile (title, overview, rate in minor units, 1-15 skills, ...); what is left out is cleared',
          body: FreelancerProfileInputSchema,
          response: { 200: FreelancerProfileSchema, ...problems },
        },
      },
      async (request) => saveFreelancerProfile(deps, authOf(request).user.id, request.body),
    );

    app.put(
      '/me/profiles/client',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Write the client profile (company, size, industry, website, country, time zone, description)',
          body: ClientProfileInputSchema,
          response: { 200: ClientProfileSchema, ...problems },
        },
      },
      async (request) => saveClientProfile(deps, authOf(request).user.id, request.body),
    );

    app.post(
      '/me/profiles/freelancer/photo',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Upload the profile photo (multipart/form-data, field "file"; JPEG, PNG, WebP or GIF up to 5 MB), stored as a 400 px square',
          response: {
            200: z.object({ photo: PhotoSchema }),
            ...problems,
            413: ProblemSchema,
            415: ProblemSchema,
            422: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request) => setFreelancerPhoto(deps, request, authOf(request).user.id),
    );

    app.post(
      '/me/roles',
      {
        schema: {
          tags: ['profiles'],
          summary: '"Start hiring" / "Start working": start the other profile on the same account (idempotent)',
          body: RoleRequestSchema,
          response: { 200: MyProfilesSchema, ...problems },
        },
      },
      async (request) => addRole(deps, authOf(request).user, request.body.role),
    );
  };
}
