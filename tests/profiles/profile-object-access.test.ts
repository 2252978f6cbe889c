/**
 * Broken object-level authorization: every profile route tried as the wrong person. Someone
 * else's entry or file is 404 exactly like an id that does not exist; a profile is shown per
 * its visibility; suspended people's profiles vanish from pages and search.
 * OWASP ASVS 5.0 V8.2.2 (data-specific access, IDOR/BOLA), V8.3.1 (enforced on the server);
 * MARKETPLACE.md, Authorization ("a foreign id is 404 not_found, never 403").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { makeAdmin, signInAdmin, type TestAdmin } from '../helpers/admin.js';
import { client, freelancer, person, type Person } from './profile-helpers.js';
import { testPng, upload } from './upload-helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'workgate-access-'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const base = '/api/v1/me/profiles/freelancer';
const ENTRIES = {
  portfolio: { title: 'Owner work' },
  employment: { company: 'Owner Co', title: 'Owner', startMonth: '2020-01' },
  education: { school: 'Owner School' },
  certifications: { name: 'Owner cert', issuer: 'Owner issuer', issuedMonth: '2021-01' },
};

describe('entries of another person', () => {
  it.each(Object.entries(ENTRIES))('%s: PATCH and DELETE answer 404 as for an unknown id, and change nothing', async (kind, body) => {
    const owner = await freelancer(t);
    const intruder = await freelancer(t);
    const entry = (await t.request('POST', `${base}/${kind}`, { cookie: owner.cookie, body })).json();
    const unknown = await t.request('PATCH', `${base}/${kind}/00000000-0000-4000-8000-000000000000`, { cookie: intruder.cookie, body: {} });
    for (const [method, payload] of [
      ['PATCH', { description: 'defaced' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await t.request(method, `${base}/${kind}/${entry.id}`, { cookie: intruder.cookie, ...(payload ? { body: kind === 'certifications' ? { credentialId: 'x' } : kind === 'education' ? { description: 'x' } : payload } : {}) });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(unknown.json());
    }
    const still = (await t.request('GET', '/api/v1/me/profiles', { cookie: owner.cookie })).json().freelancer[kind];
    expect(still).toEqual([entry]);
  });

  it('every /me route answers 401 without a session, and 403 to a cookie sent from another site', async () => {
    const who = await freelancer(t);
    const routes: [string, string, unknown][] = [
      ['GET', '/api/v1/me/profiles', undefined],
      ['PUT', base, {}],
      ['PUT', '/api/v1/me/profiles/client', {}],
      ['POST', '/api/v1/me/roles', { role: 'client' }],
      ...Object.keys(ENTRIES).flatMap((kind): [string, string, unknown][] => [
        ['POST', `${base}/${kind}`, {}],
        ['PATCH', `${base}/${kind}/00000000-0000-4000-8000-000000000000`, {}],
        ['DELETE', `${base}/${kind}/00000000-0000-4000-8000-000000000000`, undefined],
      ]),
    ];
    for (const [method, url, body] of routes) {
      const anonymous = await t.request(method, url, body === undefined ? {} : { body });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      if (method !== 'GET') {
        const forged = await t.request(method, url, { cookie: who.cookie, origin: 'https://evil.example', ...(body === undefined ? {} : { body }) });
        expect(forged.statusCode, `${method} ${url}`).toBe(403);
        expect(forged.json().code).toBe('csrf_rejected');
      }
    }
    const photo = await upload(t, `${base}/photo`, '', await testPng());
    expect(photo.statusCode).toBe(401);
  });
});

describe('GET /freelancers/:id per visibility', () => {
  const view = (id: string, who?: Person) => t.request('GET', `/api/v1/freelancers/${id}`, who ? { cookie: who.cookie } : {});

  it('public: anyone; signed_in: people signed in; private: the owner alone; 404 otherwise, as for an unknown id', async () => {
    const stranger = await person(t);
    const unknown = await view('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const cases = [
      ['public', [200, 200, 200]],
      ['signed_in', [404, 200, 200]],
      ['private', [404, 404, 200]],
    ] as const;
    for (const [visibility, [anonymous, signedIn, owner]] of cases) {
      const who = await freelancer(t, { visibility });
      expect((await view(who.id)).statusCode, `${visibility} to anonymous`).toBe(anonymous);
      expect((await view(who.id, stranger)).statusCode, `${visibility} to a stranger`).toBe(signedIn);
      expect((await view(who.id, who)).statusCode, `${visibility} to its owner`).toBe(owner);
      if (anonymous === 404) expect((await view(who.id)).json()).toEqual(unknown.json());
    }
  });

  it('shows a stranger the first name and initial, the member-since date, the local time, and no email', async () => {
    const who = await freelancer(t, { timezone: 'Asia/Tokyo' }, { name: 'Ada  Lovelace' });
    const profile = (await view(who.id)).json();
    expect(profile.name).toBe('Ada L.');
    expect(profile.localTime).toMatch(/^\d\d:\d\d$/);
    expect(profile.memberSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(profile.stats).toEqual({ jobsCompleted: 0, earningsBand: null, jobSuccessScore: null });
    expect(JSON.stringify(profile)).not.toContain(who.email);
    expect(profile).not.toHaveProperty('visibility');
  });

  it('an unpublished profile (started, no title) is seen by its owner only', async () => {
    const who = await person(t, { role: 'client' });
    await t.request('POST', '/api/v1/me/roles', { cookie: who.cookie, body: { role: 'freelancer' } });
    expect((await view(who.id)).statusCode).toBe(404);
    expect((await view(who.id, who)).statusCode).toBe(200);
  });
});

describe('files follow the profile that shows them', () => {
  it('a private profile\'s photo and portfolio images are 404 to others until it goes public', async () => {
    const who = await freelancer(t, { visibility: 'private' });
    const stranger = await person(t);
    const photo = (await upload(t, `${base}/photo`, who.cookie, await testPng(200, 200))).json().photo;
    const image = (await upload(t, '/api/v1/files?purpose=portfolio', who.cookie, await testPng())).json();
    await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Work', images: [image.id] } });
    for (const url of [photo.url, photo.thumbnailUrl, image.url]) {
      expect((await t.request('GET', url, { cookie: stranger.cookie })).statusCode).toBe(404);
      expect((await t.request('GET', url, { cookie: who.cookie })).statusCode).toBe(200);
    }
    const profile = (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json().freelancer;
    await t.request('PUT', base, {
      cookie: who.cookie,
      body: { title: profile.title, skills: profile.skills.map((s: { id: string }) => s.id), visibility: 'public' },
    });
    for (const url of [photo.url, image.url]) expect((await t.request('GET', url)).statusCode).toBe(200);
  });

  it('an image taken out of the portfolio is private again', async () => {
    const who = await freelancer(t);
    const image = (await upload(t, '/api/v1/files?purpose=portfolio', who.cookie, await testPng())).json();
    const item = (await t.request('POST', `${base}/portfolio`, { cookie: who.cookie, body: { title: 'Work', images: [image.id] } })).json();
    expect((await t.request('GET', image.url)).statusCode).toBe(200);
    await t.request('PATCH', `${base}/portfolio/${item.id}`, { cookie: who.cookie, body: { images: [] } });
    expect((await t.request('GET', image.url)).statusCode).toBe(404);
  });
});

describe('talent search is for clients', () => {
  it('answers 401 signed out and 403 client_role_required to a freelancer-only account', async () => {
    expect((await t.request('GET', '/api/v1/freelancers')).statusCode).toBe(401);
    const who = await freelancer(t);
    const response = await t.request('GET', '/api/v1/freelancers', { cookie: who.cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('client_role_required');
  });

  it('finds public and signed_in profiles, never private ones', async () => {
    const marker = 'zyxwvutsrq';
    const shown = await freelancer(t, { title: `Public ${marker} expert` });
    const members = await freelancer(t, { title: `Members ${marker} expert`, visibility: 'signed_in' });
    await freelancer(t, { title: `Hidden ${marker} expert`, visibility: 'private' });
    const hirer = await client(t);
    const found = (await t.request('GET', `/api/v1/freelancers?q=${marker}`, { cookie: hirer.cookie })).json();
    expect(found.results.map((r: { id: string }) => r.id).sort()).toEqual([shown.id, members.id].sort());
    expect(found.total).toBe(2);
  });
});

describe('suspension', () => {
  let admin: TestAdmin;
  let adminUser: Awaited<ReturnType<TestApp['createUser']>>;

  beforeAll(async () => {
    adminUser = await t.createUser();
    admin = await makeAdmin(t, adminUser);
  });

  it('hides the profile from pages and search at once, and lifting shows it again', async () => {
    const marker = 'qponmlkjih';
    const who = await freelancer(t, { title: `Suspended ${marker} designer` });
    const hirer = await client(t);
    const search = async () => (await t.request('GET', `/api/v1/freelancers?q=${marker}`, { cookie: hirer.cookie })).json().total;
    expect(await search()).toBe(1);
    const cookie = await signInAdmin(t, adminUser, admin);
    const suspended = await t.request('POST', `/api/v1/admin/users/${who.id}/suspend`, { cookie, body: { publicReason: 'Fake reviews' } });
    expect(suspended.statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/freelancers/${who.id}`)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/freelancers/${who.id}`, { cookie: hirer.cookie })).statusCode).toBe(404);
    expect(await search()).toBe(0);
    const lifted = await t.request('POST', `/api/v1/admin/users/${who.id}/unsuspend`, { cookie, body: {} });
    expect(lifted.statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/freelancers/${who.id}`)).statusCode).toBe(200);
    expect(await search()).toBe(1);
  });

  it('a suspension with an end shows the profile again once it has ended', async () => {
    const who = await freelancer(t);
    const cookie = await signInAdmin(t, adminUser, admin);
    const endsAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await t.request('POST', `/api/v1/admin/users/${who.id}/suspend`, { cookie, body: { publicReason: 'Cooling off', endsAt } });
    expect((await t.request('GET', `/api/v1/freelancers/${who.id}`)).statusCode).toBe(404);
    t.clock.advance(3_600_001);
    expect((await t.request('GET', `/api/v1/freelancers/${who.id}`)).statusCode).toBe(200);
  });
});
