/**
 * Talent search (GET /freelancers): PostgreSQL full text with weights (title above skills
 * above overview), what people type (quotes, -word, or), filters, facet counts with the
 * other filters applied, and a keyset cursor that neither repeats nor skips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { client, freelancer, type Person } from './profile-helpers.js';

let t: TestApp;
let hirer: Person;
const people: Record<string, Person> = {};

const PROFILES: Record<string, Record<string, unknown>> = {
  kubeTitle: { title: 'Kubernetes platform consultant', overview: 'Cloud infrastructure for startups.', skills: ['docker'], country: 'DE', hourlyRate: { amount: 9000, currency: 'USD' }, availability: 'more_than_30' },
  kubeOverview: { title: 'Backend engineer', overview: 'I also run Kubernetes clusters now and then.', skills: ['go'], country: 'DE', hourlyRate: { amount: 7000, currency: 'USD' }, availability: 'less_than_30' },
  terraform: { title: 'Infrastructure engineer', overview: 'Repeatable environments.', skills: ['terraform', 'amazon-web-services'], country: 'FR', hourlyRate: { amount: 8000, currency: 'EUR' }, availability: 'as_needed' },
  pipelines: { title: 'Data engineer', overview: 'I design data pipelines that do not wake you at night.', skills: ['python', 'apache-airflow'], country: 'IN', hourlyRate: { amount: 2500, currency: 'USD' }, availability: 'more_than_30' },
  django: { title: 'Python and Django developer', overview: 'Web apps.', skills: ['python', 'django'], country: 'IN', hourlyRate: { amount: 1500, currency: 'USD' }, availability: 'more_than_30' },
  rust: { title: 'Rust systems programmer', overview: 'Low-latency services.', skills: ['rust'], country: 'US', hourlyRate: { amount: 12000, currency: 'USD' }, availability: 'not_available' },
  haskell: { title: 'Haskell consultant', overview: 'Types all the way down.', skills: ['haskell'], country: 'GB', hourlyRate: { amount: 11000, currency: 'USD' }, availability: 'as_needed' },
  designer: { title: 'Brand designer', overview: 'Logos and identities.', skills: ['logo-design', 'adobe-illustrator'], country: 'FR', hourlyRate: null, availability: 'more_than_30' },
};

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, body] of Object.entries(PROFILES)) people[key] = await freelancer(t, body);
  hirer = await client(t);
});
afterAll(async () => {
  await t.close();
});

const search = async (query: string) => {
  const response = await t.request('GET', `/api/v1/freelancers?${query}`, { cookie: hirer.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const ids = (result: { results: { id: string }[] }) => result.results.map((r) => r.id);
const keys = (...names: string[]) => names.map((name) => people[name]!.id);

describe('full text', () => {
  it('ranks a title match above an overview match', async () => {
    expect(ids(await search('q=kubernetes'))).toEqual(keys('kubeTitle', 'kubeOverview'));
  });

  it('matches skill names that the text never mentions, and stems words', async () => {
    expect(ids(await search('q=terraform'))).toEqual(keys('terraform'));
    expect(ids(await search('q=pipeline'))).toEqual(keys('pipelines'));
  });

  it('understands what people type: quotes, -word and or', async () => {
    expect(ids(await search(`q=${encodeURIComponent('"data pipelines"')}`))).toEqual(keys('pipelines'));
    expect(ids(await search(`q=${encodeURIComponent('python -django')}`))).toEqual(keys('pipelines'));
    expect(ids(await search(`q=${encodeURIComponent('rust or haskell')}`)).sort()).toEqual(keys('rust', 'haskell').sort());
  });

  it('answers no match, not an error, for text that means nothing to the index', async () => {
    const result = await search(`q=${encodeURIComponent('the & | ! <>')}`);
    expect(result.results).toEqual([]);
  });
});

describe('filters and facets', () => {
  it('filters by any of the skills, by countries, by availability and by rate in one currency', async () => {
    expect(ids(await search('skills=django,rust&sort=rate_asc'))).toEqual(keys('django', 'rust'));
    expect(ids(await search('country=de&sort=rate_desc'))).toEqual(keys('kubeTitle', 'kubeOverview'));
    expect(ids(await search('availability=not_available'))).toEqual(keys('rust'));
    expect(ids(await search('rateMin=2000&rateMax=9000&sort=rate_asc'))).toEqual(keys('pipelines', 'kubeOverview', 'kubeTitle'));
    expect(ids(await search('rateMin=5000&currency=EUR'))).toEqual(keys('terraform'));
  });

  it('counts each facet with the other filters applied', async () => {
    const result = await search('country=IN&skills=python');
    expect(result.total).toBe(2);
    // Countries: counted without the country filter, with the skill filter.
    expect(result.facets.countries).toEqual([{ code: 'IN', count: 2 }]);
    // Skills: counted with the country filter, without the skill filter.
    expect(result.facets.skills).toEqual([
      { id: 'python', name: 'Python', count: 2 },
      { id: 'apache-airflow', name: 'Apache Airflow', count: 1 },
      { id: 'django', name: 'Django', count: 1 },
    ]);
    expect(result.facets.availability).toEqual([{ value: 'more_than_30', count: 2 }]);
    expect(result.facets.rates).toEqual([
      { min: 1000, max: 3000, count: 2 },
    ]);
    const all = await search('');
    expect(all.total).toBe(8);
    expect(all.facets.countries).toEqual([
      { code: 'DE', count: 2 },
      { code: 'FR', count: 2 },
      { code: 'IN', count: 2 },
      { code: 'GB', count: 1 },
      { code: 'US', count: 1 },
    ]);
    expect(all.facets.rates).toEqual([
      { min: 1000, max: 3000, count: 2 },
      { min: 6000, max: null, count: 4 },
    ]);
  });

  it('shows cards with the facts a client decides on, and no email', async () => {
    const [card] = (await search('q=haskell')).results;
    expect(card).toMatchObject({
      title: 'Haskell consultant',
      hourlyRate: { amount: 11000, currency: 'USD' },
      country: 'GB',
      availability: 'as_needed',
      skills: [{ id: 'haskell', name: 'Haskell' }],
    });
    expect(card.name).toMatch(/^\S+ \S\.$/);
    expect(JSON.stringify(card)).not.toContain('@');
  });
});

describe('keyset pagination', () => {
  it.each(['relevance', 'newest', 'rate_asc', 'rate_desc'])('walks every match once, in order, with sort=%s', async (sort) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { results: { id: string; hourlyRate: { amount: number } | null }[]; nextCursor: string | null; total: number } = await search(
        `sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(page));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    // Rate sorts compare rates in one currency (USD by default): the six USD profiles.
    expect(seen.length).toBe(sort.startsWith('rate') ? 6 : total);
    if (sort === 'rate_asc') expect(seen).toEqual(keys('django', 'pipelines', 'kubeOverview', 'kubeTitle', 'haskell', 'rust'));
  });

  it('pages a full-text search by rank', async () => {
    const first = await search('q=kubernetes&limit=1');
    expect(ids(first)).toEqual(keys('kubeTitle'));
    const second = await search(`q=kubernetes&limit=1&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual(keys('kubeOverview'));
    expect(second.nextCursor).toBeNull();
  });

  it('answers 400 invalid_cursor to a forged cursor or one made for another sort', async () => {
    const page = await search('sort=newest&limit=2');
    const forged = Buffer.from(JSON.stringify({ s: 'newest', k: "1'; drop table users; --", id: people.rust!.id })).toString('base64url');
    for (const cursor of ['garbage', forged]) {
      const response = await t.request('GET', `/api/v1/freelancers?sort=newest&cursor=${cursor}`, { cookie: hirer.cookie });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_cursor');
    }
    const other = await t.request('GET', `/api/v1/freelancers?sort=rate_asc&cursor=${page.nextCursor}`, { cookie: hirer.cookie });
    expect(other.json().code).toBe('invalid_cursor');
  });
});

describe('bad input', () => {
  it.each([
    ['country=XX', 'country.0'],
    ['skills=react,,', null],
    ['limit=500', 'limit'],
    ['rateMin=abc', 'rateMin'],
    ['rateMin=5000&rateMax=1000', 'rateMax'],
    ['sort=cheapest', 'sort'],
    ['availability=sometimes', 'availability.0'],
    ['unknown=1', null],
  ])('answers 400 validation_failed to %s', async (query, path) => {
    const response = await t.request('GET', `/api/v1/freelancers?${query}`, { cookie: hirer.cookie });
    if (path === null && query.startsWith('skills')) {
      // Empty items are dropped, so "react,," is just react.
      expect(response.statusCode).toBe(200);
      return;
    }
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    if (path) expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
