/**
 * The signed-in person's own profiles: GET /me/profiles, PUT of each profile, the photo, and
 * "Start hiring" / "Start working" (POST /me/roles). Bad input is a 4xx with a stable code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FREELANCER_BODY, freelancer, person } from './profile-helpers.js';
import { testJpeg, testPng, upload } from './upload-helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workgate-profiles-'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /me/profiles', () => {
  it('answers both profiles as null until started, with the sign-up role', async () => {
    const someone = await person(t, { role: 'client' });
    const response = await t.request('GET', '/api/v1/me/profiles', { cookie: someone.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ roles: ['client'], freelancer: null, client: null });
  });

  it('answers 401 without a session', async () => {
    const response = await t.request('GET', '/api/v1/me/profiles');
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });
});

describe('PUT /me/profiles/freelancer', () => {
  it('saves the profile with the rate in minor units and answers it with completeness', async () => {
    const who = await freelancer(t);
    const { freelancer: profile } = (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json();
    expect(profile).toMatchObject({
      title: FREELANCER_BODY.title,
      overview: FREELANCER_BODY.overview,
      hourlyRate: { amount: 6500, currency: 'USD' },
      skills: [
        { id: 'react', name: 'React' },
        { id: 'typescript', name: 'TypeScript' },
      ],
      country: 'FR',
      timezone: 'Europe/Paris',
      availability: 'more_than_30',
      visibility: 'public',
    });
    // title 5 + rate 5 + skills 10 + languages 5; the overview is under 100 characters.
    expect(profile.completeness.percent).toBe(25);
    expect(profile.completeness.missing[0]).toEqual({ item: 'photo', percent: 15 });
  });

  it('replaces the whole profile: what is left out is cleared', async () => {
    const who = await freelancer(t);
    const response = await t.request('PUT', '/api/v1/me/profiles/freelancer', {
      cookie: who.cookie,
      body: { title: 'Data analyst', skills: ['sql'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ title: 'Data analyst', overview: null, hourlyRate: null, country: null, languages: [], availability: 'as_needed' });
  });

  it.each([
    ['a title over 70 characters', { title: 'x'.repeat(71) }, 'title'],
    ['an empty title', { title: '   ' }, 'title'],
    ['an overview over 5,000 characters', { overview: 'x'.repeat(5001) }, 'overview'],
    ['no skills', { skills: [] }, 'skills'],
    ['16 skills', { skills: ['react', 'vue-js', 'angular', 'svelte', 'next-js', 'node-js', 'python', 'django', 'flask', 'ruby', 'java', 'go', 'rust', 'c', 'php', 'sql'] }, 'skills'],
    ['a skill that is not in the taxonomy', { skills: ['react', 'basket-weaving'] }, 'skills.1'],
    ['a rate with a fraction of a cent', { hourlyRate: { amount: 65.5, currency: 'USD' } }, 'hourlyRate.amount'],
    ['a rate under 3.00', { hourlyRate: { amount: 299, currency: 'USD' } }, 'hourlyRate.amount'],
    ['an unknown currency', { hourlyRate: { amount: 5000, currency: 'BTC' } }, 'hourlyRate.currency'],
    ['a country that is not ISO 3166', { country: 'XX' }, 'country'],
    ['a time zone that is not IANA', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['an unknown availability', { availability: 'always' }, 'availability'],
    ['a language level that does not exist', { languages: [{ code: 'en', level: 'expert' }] }, 'languages.0.level'],
    ['an unknown field', { isAdmin: true }, '(body)'],
    ['a NUL in the title', { title: 'React\u0000 developer' }, 'title'],
  ])('answers 400 validation_failed for %s', async (_case, change, path) => {
    const who = await person(t);
    const response = await t.request('PUT', '/api/v1/me/profiles/freelancer', { cookie: who.cookie, body: { ...FREELANCER_BODY, ...change } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('keeps an overview as plain text with its line breaks, markup included verbatim', async () => {
    const overview = 'Line one\r\nLine two <script>alert(1)</script> https://example.com';
    const who = await freelancer(t, { overview });
    const profile = (await t.request('GET', `/api/v1/freelancers/${who.id}`)).json();
    expect(profile.overview).toBe('Line one\nLine two <script>alert(1)</script> https://example.com');
  });
});

describe('PUT /me/profiles/client', () => {
  it('saves the company details and measures their completeness', async () => {
    const who = await person(t, { role: 'client' });
    const body = {
      companyName: 'Northwind Traders',
      size: '10_99',
      industry: 'Retail',
      website: 'https://northwind.example',
      country: 'gb',
      timezone: 'Europe/London',
      description: 'We sell fine foods online and need help with our shop.',
    };
    const response = await t.request('PUT', '/api/v1/me/profiles/client', { cookie: who.cookie, body });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...body, country: 'GB', completeness: { percent: 100, missing: [] } });
    const partial = await t.request('PUT', '/api/v1/me/profiles/client', { cookie: who.cookie, body: { companyName: 'Northwind' } });
    expect(partial.json().completeness.percent).toBe(20);
    expect(partial.json().completeness.missing[0]).toEqual({ item: 'description', percent: 25 });
  });

  it('refuses a website that is not http(s), such as javascript:', async () => {
    const who = await person(t, { role: 'client' });
    const response = await t.request('PUT', '/api/v1/me/profiles/client', { cookie: who.cookie, body: { website: 'javascript:alert(1)' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('website');
  });
});

describe('POST /me/profiles/freelancer/photo', () => {
  it('stores a square photo, counts it in completeness, and replaces the previous one', async () => {
    const who = await freelancer(t);
    const first = await upload(t, '/api/v1/me/profiles/freelancer/photo', who.cookie, await testJpeg(900, 600), { filename: 'me.jpg' });
    expect(first.statusCode).toBe(200);
    const { photo } = first.json();
    expect(photo).toMatchObject({ width: 400, height: 400 });
    const image = await t.request('GET', photo.url);
    expect(image.statusCode).toBe(200);
    expect((await sharp(image.rawPayload).metadata()).width).toBe(400);
    const me = (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json();
    expect(me.freelancer.photo.url).toBe(photo.url);
    expect(me.freelancer.completeness.missing.map((m: { item: string }) => m.item)).not.toContain('photo');

    const second = (await upload(t, '/api/v1/me/profiles/freelancer/photo', who.cookie, await testPng(300, 300))).json();
    expect(second.photo.url).not.toBe(photo.url);
    expect((await t.request('GET', photo.url, { cookie: who.cookie })).statusCode).toBe(404);
  });

  it('refuses what is not an image', async () => {
    const who = await person(t);
    const response = await upload(t, '/api/v1/me/profiles/freelancer/photo', who.cookie, Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_file_type');
  });
});

describe('POST /me/roles', () => {
  it('"Start hiring" adds a client profile to a freelancer account, once however often it is asked', async () => {
    const who = await freelancer(t);
    for (let i = 0; i < 2; i += 1) {
      const response = await t.request('POST', '/api/v1/me/roles', { cookie: who.cookie, body: { role: 'client' } });
      expect(response.statusCode).toBe(200);
      expect(response.json().roles).toEqual(['freelancer', 'client']);
      expect(response.json().client).toMatchObject({ companyName: null, completeness: { percent: 0 } });
      expect(response.json().freelancer.title).toBe(FREELANCER_BODY.title);
    }
    const search = await t.request('GET', '/api/v1/freelancers', { cookie: who.cookie });
    expect(search.statusCode).toBe(200);
  });

  it('"Start working" starts an empty freelancer profile for a client', async () => {
    const who = await person(t, { role: 'client' });
    const response = await t.request('POST', '/api/v1/me/roles', { cookie: who.cookie, body: { role: 'freelancer' } });
    expect(response.json().roles).toEqual(['freelancer', 'client']);
    expect(response.json().freelancer).toMatchObject({ title: null, skills: [], completeness: { percent: 0 } });
  });

  it('refuses a role that does not exist', async () => {
    const who = await person(t);
    const response = await t.request('POST', '/api/v1/me/roles', { cookie: who.cookie, body: { role: 'admin' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
