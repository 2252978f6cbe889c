/**
 * Rate limits a client can see coming (docs/api.md, "Conventions"): the per-IP limits announce
 * their policy and what is left of it (IETF draft-ietf-httpapi-ratelimit-headers-11 §3, §4), and
 * a 429 says when to come back (RFC 9110 §10.2.3 Retry-After; RFC 6585 §4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('RateLimit and RateLimit-Policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_FORGOT: '3/60' } });
  });
  afterAll(() => t.close());

  const forgot = () => t.request('POST', '/api/v1/auth/password/forgot', { ip: '198.51.100.9', body: { email: 'nobody@example.com' } });

  it('announce the policy and what is left of it, then 429 with Retry-After and nothing left', async () => {
    const answers = [await forgot(), await forgot(), await forgot(), await forgot()];
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202, 429]);
    for (const answer of answers) expect(answer.headers['ratelimit-policy']).toBe('"forgot";q=3;w=60');
    const remaining = answers.map((r) => /^"forgot";r=(\d+);t=(\d+)$/.exec(String(r.headers.ratelimit))?.[1]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
    const resetOn429 = Number(/;t=(\d+)$/.exec(String(answers[3]!.headers.ratelimit))?.[1]);
    expect(resetOn429).toBeGreaterThan(0);
    expect(resetOn429).toBeLessThanOrEqual(60);
    expect(answers[3]!.headers['retry-after']).toBe(String(resetOn429));
  });

  it('routes without a per-IP limit announce none', async () => {
    const health = await t.request('GET', '/healthz');
    expect(health.headers.ratelimit).toBeUndefined();
    expect(health.headers['ratelimit-policy']).toBeUndefined();
  });
});

