/**
 * Tracing a request (docs/api.md, "Conventions"): every answer names its request in
 * X-Request-Id and every log line of the request carries the same id (ASVS 5.0 16.2.1: log
 * entries carry what an investigation needs). A client cannot pick the id of its own
 * requests: only a proxy TRUST_PROXY trusts may hand one in, and only a plain token.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import { createTestApp, PUBLIC_URL, type TestApp } from '../helpers/test-app.js';
import { createTestClock } from '../helpers/test-clock.js';
import { createTestDatabase } from '../helpers/test-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  let t: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    proxied = await createTestApp({ env: { TRUST_PROXY: '10.0.0.0/8' } });
  });
  afterAll(async () => {
    await t.close();
    await proxied.close();
  });

  it('every answer carries a fresh id: success, problem and unknown path', async () => {
    const ok = await t.request('GET', '/healthz');
    const problem = await t.request('GET', '/api/v1/auth/session');
    const missing = await t.request('GET', '/api/v1/no-such-thing');
    const ids = [ok, problem, missing].map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it('a client that is not a trusted proxy cannot choose its id', async () => {
    const direct = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'chosen-by-client' } });
    expect(direct.headers['x-request-id']).not.toBe('chosen-by-client');
    const untrustedPeer = await proxied.request('GET', '/healthz', { ip: '192.0.2.7', headers: { 'x-request-id': 'chosen-by-client' } });
    expect(untrustedPeer.headers['x-request-id']).toMatch(UUID);
  });

  it('the id a trusted proxy sends is kept, unless it is not a plain token', async () => {
    const kept = await proxied.request('GET', '/healthz', { ip: '10.1.2.3', headers: { 'x-request-id': 'lb-4f2a:77' } });
    expect(kept.headers['x-request-id']).toBe('lb-4f2a:77');
    const forged = await proxied.request('GET', '/healthz', { ip: '10.1.2.3', headers: { 'x-request-id': 'a\u0007b fake line' } });
    expect(forged.headers['x-request-id']).toMatch(UUID);
  });

  it('the log lines of a request carry its id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL, LOG_LEVEL: 'info' });
    const database = await createTestDatabase();
    const platform = await createPlatform(config, { clock: createTestClock(), database: database.handle, log: pino({ level: 'info' }, sink) });
    const app = await buildApp(platform);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
      const id = String(response.headers['x-request-id']);
      const mine = lines.filter((line) => line.reqId === id);
      expect(mine.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    } finally {
      await app.close();
      await platform.close();
      await database.drop();
    }
  });
});

