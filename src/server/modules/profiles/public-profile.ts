/**
 * GET /freelancers/:id, per visibility: public profiles to anyone, signed_in profiles to
 * people signed in, private ones to their owner only; everyone else gets 404, as for an id
 * that does not exist. An unpublished profile (no title yet) is seen by its owner alone, and
 * a held one (its account suspended) by nobody.
 */
import type { PublicFreelancer } from '../../../shared/profiles-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { findUserCards } from '../accounts/index.js';
import { isHeld } from './profiles.queries.js';
import { freelancerFacts, loadFreelancer } from './profiles.service.js';
import { displayName, localTimeIn } from './views.js';

export async function publicFreelancerProfile(deps: Pick<Deps, 'db' | 'clock'>, id: string, viewerId: string | null): Promise<PublicFreelancer> {
  const now = deps.clock.now();
  const loaded = await loadFreelancer(deps.db, id);
  const row = loaded?.row;
  const own = viewerId === id;
  const visible =
    row !== undefined &&
    (own || (row.title !== null && (row.visibility === 'public' || (row.visibility === 'signed_in' && viewerId !== null))));
  if (!loaded || !visible || (await isHeld(deps.db, id, now))) throw new AppError('not_found');
  const [card] = await findUserCards(deps.db, [id]);
  if (!card) throw new AppError('not_found');
  return {
    id,
    name: displayName(card.name),
    ...freelancerFacts(loaded),
    localTime: localTimeIn(loaded.row.timezone, now),
    memberSince: card.createdAt.toISOString(),
    // Contracts do not exist yet; these fill in when they do.
    stats: { jobsCompleted: 0, earningsBand: null, jobSuccessScore: null },
  };
}
