/**
 * Uploads nobody attached do not pile up: a portfolio image chosen and abandoned, an image uploaded
 * for a photo and never used, or an image taken off its item is deleted, bytes and all, once a day old, by
 * the hourly sweep; what a profile shows, and a fresh upload still waiting to be attached, stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNUSED_UPLOADS_JOB } from '../../src/server/modules/files/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { freelancer, type Person } from './profile-helpers.js';
import { testPng, upload } from './upload-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const HOUR = 60 * 60 * 1000;

/** Sessions end when idle for an hour: the owner signs in again after each jump of the clock. */
async function later(who: Person, ms: number): Promise<void> {
  t.clock.advance(ms);
  who.cookie = await t.signIn(who);
}

async function sweep(): Promise<void> {
  await t.platform.jobs.send(UNUSED_UPLOADS_JOB, {});
  await t.platform.jobs.drain(UNUSED_UPLOADS_JOB);
}

describe('the sweep of unused uploads', () => {
  it('deletes what no page shows a day after its upload, and keeps what a profile shows', async () => {
    const who = await freelancer(t);
    const portfolioFile = async () => (await upload(t, '/api/v1/files?purpose=portfolio', who.cookie, await testPng(640, 480))).json() as { id: string; url: string };
    const shown = await portfolioFile();
    const dropped = await portfolioFile();
    const abandoned = await portfolioFile();
    const item = await t.request('POST', '/api/v1/me/profiles/freelancer/portfolio', { cookie: who.cookie, body: { title: 'Shop redesign', images: [shown.id, dropped.id] } });
    expect(item.statusCode).toBe(201);
    // The owner takes one image off the item again.
    const itemId = item.json().id as string;
    expect((await t.request('PATCH', `/api/v1/me/profiles/freelancer/portfolio/${itemId}`, { cookie: who.cookie, body: { images: [shown.id] } })).statusCode).toBe(200);

    await later(who, 23 * HOUR);
    await sweep();
    for (const file of [shown, dropped, abandoned]) expect((await t.request('GET', file.url, { cookie: who.cookie })).statusCode).toBe(200);

    await later(who, 2 * HOUR);
    const waiting = await portfolioFile();
    await sweep();
    expect((await t.request('GET', shown.url, { cookie: who.cookie })).statusCode).toBe(200);
    expect((await t.request('GET', waiting.url, { cookie: who.cookie })).statusCode).toBe(200);
    for (const file of [dropped, abandoned]) expect((await t.request('GET', file.url, { cookie: who.cookie })).statusCode).toBe(404);
    // The item still shows its image; the removed ones cannot be attached again.
    const profile = await t.request('GET', '/api/v1/me/profiles', { cookie: who.cookie });
    expect(profile.json().freelancer.portfolio[0].images.map((i: { id: string }) => i.id)).toEqual([shown.id]);
    const reattach = await t.request('PATCH', `/api/v1/me/profiles/freelancer/portfolio/${itemId}`, { cookie: who.cookie, body: { images: [shown.id, dropped.id] } });
    expect(reattach.statusCode).toBe(400);
    // The bytes went with the rows.
    expect(await t.platform.fileStore.get(`${abandoned.id}/main`)).toBeUndefined();
    expect(await t.platform.fileStore.get(`${shown.id}/main`)).toBeDefined();
  });

  it('deletes an image uploaded as a photo but never made one, and keeps the photo in use', async () => {
    const who = await freelancer(t);
    const photo = await upload(t, '/api/v1/me/profiles/freelancer/photo', who.cookie, await testPng(300, 300));
    expect(photo.statusCode).toBe(200);
    const photoUrl = photo.json().photo.url as string;
    const stray = (await upload(t, '/api/v1/files?purpose=avatar', who.cookie, await testPng(400, 400))).json() as { url: string };
    await later(who, 25 * HOUR);
    await sweep();
    expect((await t.request('GET', photoUrl, { cookie: who.cookie })).statusCode).toBe(200);
    expect((await t.request('GET', stray.url, { cookie: who.cookie })).statusCode).toBe(404);
  });
});
