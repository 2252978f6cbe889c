/**
 * Talent search in PostgreSQL (both PGlite and a server): a weighted tsvector (title A,
 * skills B, overview C) under a GIN index, matched with websearch_to_tsquery so people can
 * type quotes, -word and "or"; filters on indexed columns; facet counts per filter with the
 * other filters applied; keyset pagination on (sort key, user id). Callers see one function,
 * searchTalent (talent-search.ts), so a dedicated engine can replace this file at scale.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import type { TalentSort } from '../../../shared/profiles-contracts.js';
import { freelancerProfiles as f, profileHolds } from './profiles.table.js';

export interface TalentFilters {
  q?: string | undefined;
  skills?: string[] | undefined;
  rateMin?: number | undefined;
  rateMax?: number | undefined;
  currency: string;
  country?: string[] | undefined;
  availability?: string[] | undefined;
}
type Facet = 'skills' | 'country' | 'availability' | 'rate';

/** Upper bounds (exclusive, minor units) of the rate bands counted in the facet; the last is open. */
export const RATE_BANDS = [1000, 3000, 6000] as const;

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const query = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

/** Profiles anyone signed in may find: published (title and skills), not private, not held. */
function findable(now: Date): SQL[] {
  return [
    sql`${f.title} is not null`,
    sql`cardinality(${f.skillIds}) > 0`,
    sql`${f.visibility} <> 'private'`,
    sql`not exists (select 1 from ${profileHolds} where ${profileHolds.userId} = ${f.userId} and (${profileHolds.until} is null or ${profileHolds.until} > ${now.toISOString()}::timestamptz))`,
  ];
}

/** The search's conditions, leaving out the filter whose facet is being counted. */
function conditions(filters: TalentFilters, now: Date, except?: Facet): SQL[] {
  const list = findable(now);
  if (filters.q) list.push(sql`${f.searchVector} @@ ${query(filters.q)}`);
  if (filters.skills?.length && except !== 'skills') list.push(sql`${f.skillIds} && ${textArray(filters.skills)}`);
  if (filters.country?.length && except !== 'country') list.push(sql`${f.country} = any(${textArray(filters.country)})`);
  if (filters.availability?.length && except !== 'availability') list.push(sql`${f.availability} = any(${textArray(filters.availability)})`);
  if ((filters.rateMin !== undefined || filters.rateMax !== undefined) && except !== 'rate') {
    list.push(eq(f.hourlyRateCurrency, filters.currency));
    if (filters.rateMin !== undefined) list.push(sql`${f.hourlyRateAmount} >= ${filters.rateMin}`);
    if (filters.rateMax !== undefined) list.push(sql`${f.hourlyRateAmount} <= ${filters.rateMax}`);
  }
  return list;
}

/** The sort key as text (exact for real ranks and timestamps) and the order, per sort. */
function ordering(sort: TalentSort, filters: TalentFilters) {
  if (sort === 'relevance' && filters.q) {
    const rank = sql`ts_rank_cd(${f.searchVector}, ${query(filters.q)})`;
    return { key: sql<string>`${rank}::text`, keyType: sql`real`, expr: rank, direction: 'desc' as const };
  }
  if (sort === 'rate_asc' || sort === 'rate_desc') {
    return { key: sql<string>`${f.hourlyRateAmount}::text`, keyType: sql`integer`, expr: sql`${f.hourlyRateAmount}`, direction: sort === 'rate_asc' ? ('asc' as const) : ('desc' as const) };
  }
  if (sort === 'newest') return { key: sql<string>`${f.createdAt}::text`, keyType: sql`timestamptz`, expr: sql`${f.createdAt}`, direction: 'desc' as const };
  return { key: sql<string>`${f.completeness}::text`, keyType: sql`smallint`, expr: sql`${f.completeness}`, direction: 'desc' as const };
}

export interface TalentRow {
  userId: string;
  title: string | null;
  overview: string | null;
  hourlyRateAmount: number | null;
  hourlyRateCurrency: string | null;
  skillIds: string[];
  country: string | null;
  availability: 'more_than_30' | 'less_than_30' | 'as_needed' | 'not_available';
  photoFileId: string | null;
  sortKey: string;
}

/** One page of matches after the keyset `after` ([sort key as text, user id]), `limit` + 1 rows to tell if more follow. */
export async function selectTalentPage(
  db: Database,
  input: { filters: TalentFilters; sort: TalentSort; after: [string, string] | undefined; limit: number; now: Date },
): Promise<TalentRow[]> {
  const { filters, sort } = input;
  const order = ordering(sort, filters);
  const where = conditions(filters, input.now);
  if (sort === 'rate_asc' || sort === 'rate_desc') where.push(eq(f.hourlyRateCurrency, filters.currency));
  if (input.after) {
    const [key, id] = input.after;
    const comparison = order.direction === 'desc' ? sql`<` : sql`>`;
    where.push(sql`(${order.expr}, ${f.userId}) ${comparison} (${key}::${order.keyType}, ${id}::uuid)`);
  }
  const by = order.direction === 'desc' ? desc : asc;
  return db
    .select({
      userId: f.userId,
      title: f.title,
      overview: sql<string | null>`left(${f.overview}, 300)`,
      hourlyRateAmount: f.hourlyRateAmount,
      hourlyRateCurrency: f.hourlyRateCurrency,
      skillIds: f.skillIds,
      country: f.country,
      availability: f.availability,
      photoFileId: f.photoFileId,
      sortKey: order.key,
    })
    .from(f)
    .where(and(...where))
    .orderBy(by(order.expr as SQL), by(f.userId))
    .limit(input.limit + 1);
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The total and the facet counts, each facet with the other filters applied. */
export async function countFacets(db: Database, filters: TalentFilters, now: Date) {
  const whereOf = (except?: Facet) => sql.join(conditions(filters, now, except), sql` and `);
  const band = sql`case ${sql.join(RATE_BANDS.map((limit, i) => sql`when ${f.hourlyRateAmount} < ${limit} then ${i}`), sql` `)} else ${RATE_BANDS.length} end`;
  const [total, skills, countries, availability, rates] = await Promise.all([
    db.execute(sql`select count(*)::int as count from ${f} where ${whereOf()}`),
    db.execute(
      sql`select s as id, count(*)::int as count from ${f}, unnest(${f.skillIds}) as s where ${whereOf('skills')} group by s order by count(*) desc, s limit 20`,
    ),
    db.execute(
      sql`select ${f.country} as code, count(*)::int as count from ${f} where ${whereOf('country')} and ${f.country} is not null group by 1 order by 2 desc, 1 limit 50`,
    ),
    db.execute(sql`select ${f.availability} as value, count(*)::int as count from ${f} where ${whereOf('availability')} group by 1 order by 2 desc`),
    db.execute(
      sql`select ${band} as band, count(*)::int as count from ${f} where ${whereOf('rate')} and ${f.hourlyRateCurrency} = ${filters.currency} group by 1 order by 1`,
    ),
  ]);
  return {
    total: rowsOf<{ count: number }>(total)[0]?.count ?? 0,
    skills: rowsOf<{ id: string; count: number }>(skills),
    countries: rowsOf<{ code: string; count: number }>(countries),
    availability: rowsOf<{ value: TalentRow['availability']; count: number }>(availability),
    rates: rowsOf<{ band: number; count: number }>(rates),
  };
}
