/**
 * The client's side of finding talent: one function over search.queries.ts. The cursor is
 * opaque to clients (base64url JSON of the sort and the last row's key); one made for
 * another sort, or tampered with, answers invalid_cursor.
 */
import { z } from 'zod';
import type { FreelancerCard, TalentSearchQuery, TalentSearchResult } from '../../../shared/profiles-contracts.js';
import { TalentSortSchema } from '../../../shared/profiles-contracts.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { findUserCards } from '../accounts/index.js';
import { countFacets, RATE_BANDS, selectTalentPage, type TalentRow } from './search.queries.js';
import { findSkill } from './skills.js';
import { displayName, photoOf, rateOf, skillsOf } from './views.js';

const CursorSchema = z.object({ s: TalentSortSchema, k: z.string().max(100), id: z.uuid() });

function encodeCursor(sort: string, row: TalentRow): string {
  return Buffer.from(JSON.stringify({ s: sort, k: row.sortKey, id: row.userId })).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): [string, string] {
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.s !== sort) throw new Error('cursor of another sort');
    // Keys are numbers or timestamps printed by PostgreSQL; anything else was not made here.
    if (!/^[0-9eE.:+\- ]+$/.test(parsed.k)) throw new Error('foreign key');
    return [parsed.k, parsed.id];
  } catch {
    throw new AppError('invalid_cursor');
  }
}

/** GET /freelancers: a page of findable profiles, the total, and facet counts. */
export async function searchTalent(deps: Pick<Deps, 'db' | 'clock'>, query: TalentSearchQuery): Promise<TalentSearchResult> {
  if (query.rateMin !== undefined && query.rateMax !== undefined && query.rateMin > query.rateMax) {
    throw new AppError('validation_failed', { errors: [{ path: 'rateMax', message: 'The highest rate is below the lowest.' }] });
  }
  const now = deps.clock.now();
  const filters = { ...query, q: query.q || undefined };
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const [rows, facets] = await Promise.all([
    selectTalentPage(deps.db, { filters, sort: query.sort, after, limit: query.limit, now }),
    countFacets(deps.db, filters, now),
  ]);
  const page = rows.slice(0, query.limit);
  const names = new Map((await findUserCards(deps.db, page.map((row) => row.userId))).map((card) => [card.id, card.name]));
  const results: FreelancerCard[] = page.map((row) => ({
    id: row.userId,
    name: displayName(names.get(row.userId) ?? ''),
    photo: photoOf(row.photoFileId),
    title: row.title ?? '',
    overview: row.overview,
    hourlyRate: rateOf(row),
    skills: skillsOf(row.skillIds).slice(0, 8),
    country: row.country,
    availability: row.availability,
  }));
  const bounds = [0, ...RATE_BANDS];
  return {
    results,
    total: facets.total,
    facets: {
      skills: facets.skills.flatMap((s) => {
        const skill = findSkill(s.id);
        return skill ? [{ id: skill.id, name: skill.name, count: s.count }] : [];
      }),
      countries: facets.countries,
      availability: facets.availability,
      rates: facets.rates.map((r) => ({ min: bounds[r.band]!, max: RATE_BANDS[r.band] ?? null, count: r.count })),
    },
    nextCursor: rows.length > query.limit ? encodeCursor(query.sort, page[page.length - 1]!) : null,
  };
}
