/**
 * The profiles module's door: routes for the app, holds for the admin module, the taxonomy
 * and demo data for the dev module. Tables, queries and search stay inside.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { discoveryRoutes } from './discovery.routes.js';
import { entriesRoutes } from './entries.routes.js';
import { profilesRoutes as ownProfilesRoutes } from './profiles.routes.js';
import type { ProfilesDeps } from './profiles.service.js';

export type { ProfilesDeps };
export { holdProfiles, releaseProfiles } from './holds.js';
export { listCategories, listSkills } from './skills.js';

/** Every route of the module, under the API prefix. */
export function profilesRoutes(deps: ProfilesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(ownProfilesRoutes(deps));
    await app.register(entriesRoutes(deps));
    await app.register(discoveryRoutes(deps));
  };
}
export { importDemoProfiles, type DemoFreelancer, type DemoProfiles } from './demo-import.js';
