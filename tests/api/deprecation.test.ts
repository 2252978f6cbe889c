/**
 * Retiring a route (docs/api.md, "Conventions"): a route marked with deprecatedRoute() tells
 * every caller so in its answers (RFC 9745 Deprecation, RFC 8594 Sunset, a Link to the notice)
 * and in the OpenAPI document; other routes say nothing of the kind.
 */
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deprecatedRoute, registerDeprecation } from '../../src/server/http/deprecation.js';

describe('deprecatedRoute', () => {
  const app = Fastify();
  beforeAll(async () => {
    registerDeprecation(app);
    await app.register(swagger, { openapi: { info: { title: 't', version: '1' } } });
    app.get('/old', { config: deprecatedRoute({ since: '2027-01-01', sunset: '2027-07-01', link: 'https://workgate.dev/docs/api#old' }) }, async () => ({ ok: true }));
    app.post('/old/error', { config: deprecatedRoute({ since: '2027-01-01T00:00:00Z' }) }, async (_request, reply) => reply.code(400).send({ code: 'x' }));
    app.get('/current', async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers with Deprecation, Sunset and the notice link, errors included', async () => {
    const old = await app.inject({ method: 'GET', url: '/old' });
    expect(old.statusCode).toBe(200);
    expect(old.headers.deprecation).toBe(`@${Date.UTC(2027, 0, 1) / 1000}`);
    expect(old.headers.sunset).toBe('Thu, 01 Jul 2027 00:00:00 GMT');
    expect(old.headers.link).toBe('<https://workgate.dev/docs/api#old>; rel="deprecation"; type="text/html"');
    const failed = await app.inject({ method: 'POST', url: '/old/error' });
    expect(failed.statusCode).toBe(400);
    expect(failed.headers.deprecation).toBe('@1798761600');
    expect(failed.headers.sunset).toBeUndefined();
  });

  it('leaves other routes alone and marks the operation deprecated in OpenAPI', async () => {
    const current = await app.inject({ method: 'GET', url: '/current' });
    expect(current.headers.deprecation).toBeUndefined();
    const spec = app.swagger() as { paths: Record<string, Record<string, { deprecated?: boolean }>> };
    expect(spec.paths['/old']!.get!.deprecated).toBe(true);
    expect(spec.paths['/current']!.get!.deprecated).toBeUndefined();
  });

  it('refuses a policy whose date is not a date, at start-up', async () => {
    const broken = Fastify();
    registerDeprecation(broken);
    expect(() => broken.get('/x', { config: deprecatedRoute({ since: 'soon' }) }, async () => 'x')).toThrow(/since is not a date/);
    await broken.close();
  });
});
