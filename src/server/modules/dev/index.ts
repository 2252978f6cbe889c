/** The dev module's door: demo data for the first start and for `npm run seed:demo`. */
import type { Platform } from '../../platform/platform.js';
import { hasAnyUser } from '../accounts/index.js';
import { seedDemoData } from './demo-data.js';

export { generateDemoData, seedDemoData } from './demo-data.js';

/** How many freelancers and clients the demo marketplace holds. */
export const DEMO_SIZE = { freelancers: 240, clients: 60 } as const;

/**
 * A newcomer's first `npm start` shows a living marketplace: on an empty embedded database
 * outside production (and unless DEMO_DATA=off) the demo data goes in before the server
 * listens. Every later start pays one indexed read. Answers how many freelancers were added.
 */
export async function seedDemoDataOnFirstStart(platform: Pick<Platform, 'config' | 'db' | 'database' | 'log'>): Promise<number> {
  if (!platform.config.demoDataOnFirstStart || platform.database.kind !== 'pglite') return 0;
  if (await hasAnyUser(platform.db)) return 0;
  const added = await seedDemoData(platform, DEMO_SIZE);
  platform.log.info({ freelancers: added, clients: DEMO_SIZE.clients }, 'empty embedded database: demo marketplace added (DEMO_DATA=off skips it)');
  return added;
}
