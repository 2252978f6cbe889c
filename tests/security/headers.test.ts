/**
 * Clickjacking, MIME sniffing, token leaks through Referer, downgrade to plain http, and
 * development aids left open in production.
 *
 * Requirement (issue 2, "Rules the tests must pin down"): security headers on every response
 * (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy no-referrer on pages that
 * carry tokens, frame-ancestors 'none'; HSTS when PUBLIC_URL is https). Issue 2, "Set-up":
 * `/api/docs` shows the OpenAPI document of every route; `/healthz` answers. Issue 2, "Mail":
 * the dev outbox is listed at `/dev/mail` and `/dev/mail.json` outside production only.
 * OWASP HTTP Headers Cheat Sheet; RFC 6797 (HSTS is ignored over http and must not be sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Every route of issue 2's API table, as the OpenAPI document names them. */
const API_ROUTES: Array<[method: string, path: string]> = [
  ['post', '/api/v1/auth/signup'],
  ['post', '/api/v1/auth/email/verify'],
  ['post', '/api/v1/auth/email/resend'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/token'],
  ['post', '/api/v1/auth/logout'],
  ['get', '/api/v1/auth/session'],
  ['post', '/api/v1/auth/password/forgot'],
  ['post', '/api/v1/auth/password/reset'],
  ['post', '/api/v1/account/password'],
  ['get', '/api/v1/account/sessions'],
  ['delete', '/api/v1/account/sessions/{id}'],
  ['post', '/api/v1/account/sessions/revoke-all'],
];

function header(response: LightMyRequestResponse, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/** The CSP directive `name`, or undefined. */
function cspDirective(response: LightMyRequestResponse, name: string): string | undefined {
  return header(response, 'content-security-policy')
    .split(';')
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `));
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  expect(header(response, 'content-security-policy')).not.toBe('');
  // No page of the app may be framed, by anyone (clickjacking).
  expect(cspDirective(response, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(header(response, 'x-content-type-options')).toBe('nosniff');
  // Links such as /verify-email?token=… must never leak their secret to another site.
  expect(header(response, 'referrer-policy')).toBe('no-referrer');
}

describe('security headers over http', () => {
  const answers: Array<[label: string, send: () => Promise<LightMyRequestResponse>, status: number]> = [
    ['GET /healthz', () => t.request('GET', '/healthz'), 200],
    ['a 404 outside the API', () => t.request('GET', '/no/such/page'), 404],
    ['a 404 inside the API', () => t.request('GET', '/api/v1/no-such-route'), 404],
    ['a 401 problem from GET /auth/session', () => t.request('GET', '/api/v1/auth/session'), 401],
    ['a 400 problem from sign-up', () => t.request('POST', '/api/v1/auth/signup', { body: { email: 'x' } }), 400],
    ['a 400 invalid_json problem', () => t.request('POST', '/api/v1/auth/login', { rawBody: '{"email":' }), 400],
    ['a 202 from resend', () => t.request('POST', '/api/v1/auth/email/resend', { body: { email: 'h@example.com' } }), 202],
    ['the OpenAPI document', () => t.request('GET', '/api/openapi.json'), 200],
    ['the API docs page', () => t.request('GET', '/api/docs'), 200],
    ['the dev mail page', () => t.request('GET', '/dev/mail'), 200],
  ];

  it.each(answers)('%s carries CSP frame-ancestors none, nosniff and no-referrer', async (_label, send, status) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response);
    // HSTS over plain http is meaningless and, on a shared localhost, harmful.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('problem answers and 404s are application/problem+json', async () => {
    for (const response of [await t.request('GET', '/nope'), await t.request('GET', '/api/v1/auth/session')]) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.statusCode });
    }
  });

  it('a signed-in answer (login, session check) carries the headers too', async () => {
    const user = await t.createUser();
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.statusCode).toBe(200);
    expectSecurityHeaders(login);
    const cookie = await t.signIn(user);
    const session = await t.request('GET', '/api/v1/auth/session', { cookie });
    expect(session.statusCode).toBe(200);
    expectSecurityHeaders(session);
  });
});

describe('HSTS when PUBLIC_URL is https', () => {
  let https: TestApp;
  beforeAll(async () => {
    https = await createTestApp({ env: { PUBLIC_URL: 'https://workgate.example' } });
  });
  afterAll(async () => {
    await https.close();
  });

  it.each([
    ['GET /healthz', '/healthz', 200],
    ['a 404', '/nope', 404],
    ['a 401 problem', '/api/v1/auth/session', 401],
    ['the API docs page', '/api/docs', 200],
  ])('%s sends Strict-Transport-Security for at least a year', async (_label, url, status) => {
    const response = await https.request('GET', url);
    expect(response.statusCode).toBe(status);
    const hsts = header(response, 'strict-transport-security');
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
    expectSecurityHeaders(response);
  });

  it('a sign-up answer over https carries HSTS as well', async () => {
    const response = await https.request('POST', '/api/v1/auth/signup', {
      origin: 'https://workgate.example',
      body: { email: 'hsts@example.com', password: STRONG_PASSWORD, name: 'Hsts', role: 'client' },
    });
    expect(response.statusCode).toBe(202);
    expect(header(response, 'strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

describe('health, API documentation and dev tools', () => {
  it('/healthz answers 200', async () => {
    const response = await t.request('GET', '/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/api/openapi.json lists every /api/v1 route of the API table', async () => {
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const [method, path] of API_ROUTES) {
      expect(spec.paths?.[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    // Request bodies are described, so clients can be generated from the document.
    expect(spec.paths['/api/v1/auth/signup'].post.requestBody).toBeDefined();
  });

  it('/api/docs answers an HTML page', async () => {
    const response = await t.request('GET', '/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });

  it('/dev/mail and /dev/mail.json list the outbox outside production', async () => {
    await t.request('POST', '/api/v1/auth/signup', {
      body: { email: 'devmail@example.com', password: STRONG_PASSWORD, name: 'Dev Mail', role: 'client' },
    });
    await t.mail();
    const page = await t.request('GET', '/dev/mail');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('devmail@example.com');
    const json = await t.request('GET', '/dev/mail.json');
    expect(json.statusCode).toBe(200);
    expect(json.json().mail.some((m: { to: string }) => m.to === 'devmail@example.com')).toBe(true);
  });

  describe('in production', () => {
    let production: TestApp;
    beforeAll(async () => {
      production = await createTestApp({ env: { NODE_ENV: 'production' } });
    });
    afterAll(async () => {
      await production.close();
    });

    it('/dev/mail and /dev/mail.json are not found, and the outbox stays private', async () => {
      await production.request('POST', '/api/v1/auth/signup', {
        body: { email: 'prod-mail@example.com', password: STRONG_PASSWORD, name: 'Prod', role: 'client' },
      });
      await production.mail();
      for (const url of ['/dev/mail', '/dev/mail.json', '/dev/mail.css']) {
        const response = await production.request('GET', url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('prod-mail@example.com');
        expect(response.body).not.toContain('token=');
        expectSecurityHeaders(response);
      }
    });

    it('/healthz and the API documentation are still served', async () => {
      expect((await production.request('GET', '/healthz')).statusCode).toBe(200);
      expect((await production.request('GET', '/api/openapi.json')).statusCode).toBe(200);
    });
  });
});
