/**
 * Idempotency-Key (docs/api.md, "Conventions"; IETF draft-ietf-httpapi-idempotency-key-header):
 * a repeated request gets the first answer instead of running twice, a key reused for another
 * request is refused, a repeat while the first runs waits, and keys belong to their caller.
 * Shown on adding a profile entry, the first route that opted in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimKey } from '../../src/server/http/idempotency/idempotency.store.js';
import { requestFingerprint } from '../../src/server/http/idempotency/idempotency.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { HOUR, MINUTE } from '../helpers/test-clock.js';
import { freelancer, type Person } from '../profiles/profile-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const url = '/api/v1/me/profiles/freelancer/employment';
const job = { company: 'Acme', title: 'Frontend engineer', startMonth: '2019-03', endMonth: '2023-06' };
const add = (who: Person, key: string | undefined, body: object = job) =>
  t.request('POST', url, { cookie: who.cookie, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
const entries = async (who: Person) =>
  (await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie })).json().freelancer.employment as { id: string }[];

describe('Idempotency-Key', () => {
  it('a repeat gets the first answer, and the entry exists once', async () => {
    const who = await freelancer(t);
    const first = await add(who, 'add-job-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same JSON with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(job).reverse());
    const repeat = await add(who, 'add-job-1', reordered);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.headers['content-type']).toBe(first.headers['content-type']);
    expect(repeat.json()).toEqual(first.json());
    expect(await entries(who)).toHaveLength(1);
  });

  it('without a key, each request runs', async () => {
    const who = await freelancer(t);
    expect((await add(who, undefined)).statusCode).toBe(201);
    expect((await add(who, undefined)).statusCode).toBe(201);
    expect(await entries(who)).toHaveLength(2);
  });

  it('the key reused for a different body is 422 idempotency_key_reused, and nothing runs', async () => {
    const who = await freelancer(t);
    expect((await add(who, 'add-job-2')).statusCode).toBe(201);
    const other = await add(who, 'add-job-2', { ...job, company: 'Globex' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    expect(await entries(who)).toHaveLength(1);
  });

  it('a repeat while the first still runs is 409 with Retry-After; an abandoned first is taken over after 5 minutes', async () => {
    const who = await freelancer(t);
    const now = t.clock.now();
    // The first request with this key is running on another instance.
    await claimKey(t.platform.db, {
      caller: `user:${who.id}`,
      key: 'add-job-3',
      fingerprint: requestFingerprint('POST', url, job),
      now,
      expiresAt: new Date(now.getTime() + 24 * HOUR),
      abandonedBefore: new Date(now.getTime() - 5 * MINUTE),
    });
    const waiting = await add(who, 'add-job-3');
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().code).toBe('idempotency_request_in_flight');
    expect(waiting.headers['retry-after']).toBe('1');
    expect(await entries(who)).toHaveLength(0);
    t.clock.advance(6 * MINUTE);
    expect((await add(who, 'add-job-3')).statusCode).toBe(201);
    expect(await entries(who)).toHaveLength(1);
  });

  it('keys belong to their caller: another account with the same key runs its own request', async () => {
    const one = await freelancer(t);
    const two = await freelancer(t);
    const a = await add(one, 'shared-key');
    const b = await add(two, 'shared-key');
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    expect(await entries(two)).toHaveLength(1);
  });

  it('an answer is kept 24 hours; afterwards the key starts afresh', async () => {
    const who = await freelancer(t);
    expect((await add(who, 'add-job-4')).statusCode).toBe(201);
    t.clock.advance(23 * HOUR);
    who.cookie = await t.signIn(who);
    expect((await add(who, 'add-job-4')).headers['idempotent-replayed']).toBe('true');
    t.clock.advance(2 * HOUR);
    who.cookie = await t.signIn(who);
    const later = await add(who, 'add-job-4', { ...job, company: 'Initech' });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await entries(who)).toHaveLength(2);
  });

  it('a refused request keeps nothing, and a malformed key is a 400', async () => {
    const who = await freelancer(t);
    const invalid = await add(who, 'add-job-5', { ...job, startMonth: 'March' });
    expect(invalid.statusCode).toBe(400);
    expect((await add(who, 'add-job-5')).statusCode).toBe(201);
    const bad = await add(who, 'has spaces in it');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
  });
});
