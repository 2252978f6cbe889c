/**
 * Inline styles in the web app: only those carrying the page's own nonce apply. React Aria adds
 * two small <style> elements of its own and reads the nonce from a `csp-nonce` meta tag;
 * anything else injected (an attacker's <style> through markup that slipped in) is refused.
 *
 * Requirement: ASVS 5.0 3.4.3 (a Content-Security-Policy that refuses inline content unless
 * a nonce or hash allows it); OWASP CSP Cheat Sheet ("nonces must be unique per response").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let webRoot: string;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'workgate-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Workgate</title>\n  </head>\n  <body></body>\n</html>\n');
  t = await createTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const styleSources = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('style-src '))!
    .split(' ')
    .slice(1);

describe('the app page', () => {
  for (const [label, url] of [
    ['/', '/'],
    ['a client-side route', '/profile'],
  ] as const) {
    it(`${label} allows inline styles only with the nonce of its own meta tag`, async () => {
      const page = await t.request('GET', url, { headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      const nonce = /<meta property="csp-nonce" nonce="([A-Za-z0-9+/=]{24})">/.exec(page.body)?.[1];
      expect(nonce).toBeDefined();
      expect(styleSources(String(page.headers['content-security-policy']))).toEqual(["'self'", `'nonce-${nonce}'`]);
    });
  }

  it('has a new nonce at every answer', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const page = await t.request('GET', '/', { headers: { accept: 'text/html' } });
      nonces.add(/nonce="([^"]+)"/.exec(page.body)![1]!);
    }
    expect(nonces.size).toBe(5);
  });

  it('API answers allow no inline style at all', async () => {
    const answer = await t.request('GET', '/api/v1/auth/session');
    expect(styleSources(String(answer.headers['content-security-policy']))).toEqual(["'self'"]);
  });
});
