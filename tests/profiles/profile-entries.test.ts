/**
 * The lists on a freelancer profile: portfolio items (with uploaded images), employment,
 * education and certifications; their completeness weights; their limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { freelancer, person, type Person } from './profile-helpers.js';
import { testPng, upload } from './upload-helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workgate-entries-'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const base = '/api/v1/me/profiles/freelancer';
const completeness = async (who: Person) => (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json().freelancer.completeness;
const portfolioFile = async (who: Person) => (await upload(t, '/api/v1/files?purpose=portfolio', who.cookie, await testPng(640, 480))).json();

const SAMPLES = {
  employment: { create: { company: 'Acme', title: 'Frontend engineer', startMonth: '2019-03', endMonth: '2023-06' }, change: { title: 'Lead engineer' } },
  education: { create: { school: 'University of Lyon', degree: 'MSc', field: 'Computer Science', startYear: 2012, endYear: 2014 }, change: { degree: 'MEng' } },
  certifications: { create: { name: 'AWS Certified Developer', issuer: 'Amazon Web Services', issuedMonth: '2022-05' }, change: { credentialId: 'ABC-123' } },
  portfolio: { create: { title: 'Checkout redesign', description: 'Cut abandonment by a third.', skills: ['react'], link: 'https://example.com/case' }, change: { role: 'Lead designer' } },
} as const;

describe.each(Object.entries(SAMPLES))('%s entries', (kind, sample) => {
  it('are added, changed and removed by their owner', async () => {
    const who = await freelancer(t);
    const created = await t.request('POST', `${base}/${kind}`, { cookie: who.cookie, body: sample.create });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject(kind === 'portfolio' ? { title: SAMPLES.portfolio.create.title } : sample.create);
    const id = created.json().id;
    const changed = await t.request('PATCH', `${base}/${kind}/${id}`, { cookie: who.cookie, body: sample.change });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject(sample.change);
    const listed = (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json().freelancer[kind];
    expect(listed.map((entry: { id: string }) => entry.id)).toEqual([id]);
    const removed = await t.request('DELETE', `${base}/${kind}/${id}`, { cookie: who.cookie });
    expect(removed.statusCode).toBe(204);
    expect((await t.request('DELETE', `${base}/${kind}/${id}`, { cookie: who.cookie })).statusCode).toBe(404);
  });

  it('refuse unknown fields and a bad id', async () => {
    const who = await freelancer(t);
    const extra = await t.request('POST', `${base}/${kind}`, { cookie: who.cookie, body: { ...sample.create, userId: who.id } });
    expect(extra.statusCode).toBe(400);
    const badId = await t.request('PATCH', `${base}/${kind}/not-a-uuid`, { cookie: who.cookie, body: sample.change });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('validation_failed');
  });
});

describe('rules of the lists', () => {
  it('an employment entry cannot end before it starts, also when a change moves one end', async () => {
    const who = await freelancer(t);
    const bad = await t.request('POST', `${base}/employment`, { cookie: who.cookie, body: { company: 'A', title: 'B', startMonth: '2020-05', endMonth: '2020-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('endMonth');
    const good = (await t.request('POST', `${base}/employment`, { cookie: who.cookie, body: { company: 'A', title: 'B', startMonth: '2020-05', endMonth: '2021-01' } })).json();
    const moved = await t.request('PATCH', `${base}/employment/${good.id}`, { cookie: who.cookie, body: { startMonth: '2022-01' } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].path).toBe('endMonth');
  });

  it('a portfolio item shows up to 8 of the owner\'s own uploaded files, and no one else\'s', async () => {
    const who = await freelancer(t);
    const files = [await portfolioFile(who), await portfolioFile(who)];
    const item = await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Shop', images: files.map((f) => f.id) } });
    expect(item.statusCode).toBe(201);
    expect(item.json().images.map((f: { id: string }) => f.id)).toEqual(files.map((f) => f.id));
    expect(item.json().images[0]).toMatchObject({ type: 'image/webp', thumbnailUrl: `${files[0].url}?variant=thumb` });

    const stranger = await freelancer(t);
    const theirs = await portfolioFile(stranger);
    const stolen = await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Not mine', images: [theirs.id] } });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors[0]).toMatchObject({ path: 'images.0' });
    const nine = await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Too many', images: Array.from({ length: 9 }, () => files[0].id) } });
    expect(nine.statusCode).toBe(400);
  });

  it('a photo upload cannot be used as a portfolio image (purposes keep their own caps)', async () => {
    const who = await freelancer(t);
    const avatar = (await upload(t, '/api/v1/files?purpose=avatar', who.cookie, await testPng(200, 200))).json();
    const response = await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Shop', images: [avatar.id] } });
    expect(response.statusCode).toBe(400);
  });

  it('answers 409 limit_reached past 10 education entries', async () => {
    const who = await freelancer(t);
    for (let i = 0; i < 10; i += 1) {
      expect((await t.request('POST', `${base}/education`, { cookie: who.cookie, body: { school: `School ${i}` } })).statusCode).toBe(201);
    }
    const eleventh = await t.request('POST', `${base}/education`, { cookie: who.cookie, body: { school: 'One more' } });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().code).toBe('limit_reached');
  });

  it('adding the first entry starts the freelancer profile', async () => {
    const who = await person(t, { role: 'client' });
    const response = await t.request('POST', `${base}/certifications`, { cookie: who.cookie, body: SAMPLES.certifications.create });
    expect(response.statusCode).toBe(201);
    const me = (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json();
    expect(me.roles).toEqual(['freelancer', 'client']);
    expect(me.freelancer.certifications).toHaveLength(1);
  });
});

describe('completeness follows the documented weights', () => {
  it('photo, overview, a skill and an employment entry make 50%; the rest adds up to 100%', async () => {
    const who = await freelancer(t, { overview: 'x'.repeat(100), hourlyRate: null, languages: [] }, { name: 'Grace Hopper' });
    // overview 15 + skills 10 + title 5
    expect((await completeness(who)).percent).toBe(30);
    await upload(t, `${base}/photo`, who.cookie, await testPng(200, 200));
    await t.request('POST', `${base}/employment`, { cookie: who.cookie, body: SAMPLES.employment.create });
    const half = await completeness(who);
    expect(half.percent).toBe(55);
    expect(half.missing.map((m: { item: string }) => m.item)).toEqual([
      'portfolio',
      'education',
      'hourly_rate',
      'more_employment',
      'certification',
      'languages',
      'verified_phone',
    ]);
    await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: SAMPLES.portfolio.create });
    await t.request('POST', `${base}/education`, { cookie: who.cookie, body: SAMPLES.education.create });
    await t.request('POST', `${base}/employment`, { cookie: who.cookie, body: { ...SAMPLES.employment.create, company: 'Globex' } });
    await t.request('POST', `${base}/certifications`, { cookie: who.cookie, body: SAMPLES.certifications.create });
    await t.request('PUT', `${base}`, {
      cookie: who.cookie,
      body: { title: 'Compiler engineer', overview: 'x'.repeat(100), skills: ['c'], hourlyRate: { amount: 9000, currency: 'USD' }, languages: [{ code: 'en', level: 'native' }] },
    });
    const almost = await completeness(who);
    expect(almost).toEqual({ percent: 95, missing: [{ item: 'verified_phone', percent: 5 }] });
  });
});
