/**
 * Demo data: a believable marketplace generated in code from the taxonomy, the same on every
 * run, written on the first start of an empty embedded database and never again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIZE, generateDemoData, seedDemoDataOnFirstStart } from '../../src/server/modules/dev/index.js';
import { listSkills } from '../../src/server/modules/profiles/skills.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { client } from './profile-helpers.js';

describe('generateDemoData', () => {
  const data = generateDemoData(DEMO_SIZE);

  it('makes at least 200 freelancers and 50 clients, the same people on every run', () => {
    expect(data.profiles.freelancers.length).toBeGreaterThanOrEqual(200);
    expect(data.profiles.clients.length).toBeGreaterThanOrEqual(50);
    expect(generateDemoData(DEMO_SIZE)).toEqual(data);
    expect(new Set(data.users.map((u) => u.email)).size).toBe(data.users.length);
  });

  it('varies skills, countries and rates, with rates in whole minor units', () => {
    const profiles = data.profiles.freelancers.map((f) => f.profile);
    const known = new Set(listSkills().map((s) => s.id));
    expect(profiles.every((p) => p.skillIds!.every((id) => known.has(id)))).toBe(true);
    expect(new Set(profiles.flatMap((p) => p.skillIds)).size).toBeGreaterThan(150);
    expect(new Set(profiles.map((p) => p.country)).size).toBeGreaterThan(15);
    expect(profiles.every((p) => Number.isInteger(p.hourlyRateAmount) && p.hourlyRateAmount! >= 300)).toBe(true);
    expect(new Set(profiles.map((p) => p.hourlyRateAmount)).size).toBeGreaterThan(50);
    expect(data.profiles.freelancers.some((f) => f.portfolio.length > 0)).toBe(true);
    expect(data.profiles.freelancers.every((f) => f.employment.length > 0)).toBe(true);
  });

  it('gives demo accounts no password, so nobody can sign in as them', () => {
    expect(data.users.every((u) => u.passwordHash === null)).toBe(true);
  });
});

describe('the first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('fills an empty embedded database once, then leaves it alone', async () => {
    // On the PostgreSQL run the same database is presented as embedded, to exercise the same writes.
    const embedded = { ...t.platform, database: { ...t.platform.database, kind: 'pglite' as const } };
    expect(await seedDemoDataOnFirstStart(embedded)).toBe(DEMO_SIZE.freelancers);
    expect(await seedDemoDataOnFirstStart(embedded)).toBe(0);
    const hirer = await client(t);
    const found = (await t.request('GET', '/api/v1/freelancers?limit=5', { cookie: hirer.cookie })).json();
    // Private demo profiles stay out of search.
    expect(found.total).toBeGreaterThan(200);
    expect(found.total).toBeLessThan(DEMO_SIZE.freelancers);
    expect(found.facets.countries.length).toBeGreaterThan(10);
    const profile = await t.request('GET', `/api/v1/freelancers/${found.results[0].id}`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json().employment.length).toBeGreaterThan(0);
  });

  it('does nothing with DEMO_DATA=off or on a PostgreSQL server, even when empty', async () => {
    const empty = await createTestApp();
    try {
      const off = { ...empty.platform, config: { ...empty.platform.config, demoDataOnFirstStart: false }, database: { ...empty.platform.database, kind: 'pglite' as const } };
      expect(await seedDemoDataOnFirstStart(off)).toBe(0);
      const server = { ...empty.platform, database: { ...empty.platform.database, kind: 'postgres' as const } };
      expect(await seedDemoDataOnFirstStart(server)).toBe(0);
      const hirer = await client(empty);
      expect((await empty.request('GET', '/api/v1/freelancers', { cookie: hirer.cookie })).json().total).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
