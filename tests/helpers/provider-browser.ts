/**
 * Plays one browser through a provider sign-in against the app (light-my-request) and a
 * stand-in provider (real HTTP): its cookies, the authorize call, the provider's login and
 * consent, the callback (Apple's form POST included, sent cross-site without cookies, as a
 * browser does with SameSite=Lax), and the outcome the /login/provider page would read.
 */
import type { LightMyRequestResponse } from 'fastify';
import { authorizeAtStandIn } from './oidc-stand-in.js';
import { ORIGIN, type TestApp } from './test-app.js';

/** A browser's cookies for the app (paths ignored: every route here is under /api). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial?: string) {
    if (initial) for (const pair of initial.split('; ')) this.set(pair);
  }

  private set(pair: string) {
    const index = pair.indexOf('=');
    this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }

  take(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  has(name: string): boolean {
    return [...this.cookies.keys()].some((key) => key.endsWith(name));
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A request from this browser's own pages: its cookies and the app's Origin. */
export async function fromPage(t: TestApp, jar: CookieJar, method: string, url: string, body?: unknown) {
  const cookie = jar.header();
  return jar.take(await t.request(method, url, { ...(cookie ? { cookie } : {}), origin: ORIGIN, ...(body !== undefined ? { body } : {}) }));
}

export interface ProviderRun {
  jar: CookieJar;
  /** Where the callback sent the browser: /login/provider, with ?error=<code> on failure. */
  location: string;
  error: string | null;
  /** The callback's request to the app (for replay tests). */
  callback: { method: 'GET'; url: string } | { method: 'POST'; url: string; fields: Record<string, string> };
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Sends the provider's answer to the app as the browser would, following Apple's bounce. */
export async function deliverCallback(t: TestApp, jar: CookieJar, callback: ProviderRun['callback'], providerOrigin: string) {
  let response: LightMyRequestResponse;
  if (callback.method === 'POST') {
    // A cross-site form POST: the provider's Origin, and no Lax cookie rides along.
    const bounce = await t.app.inject({
      method: 'POST',
      url: callback.url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: providerOrigin },
      payload: new URLSearchParams(callback.fields).toString(),
    });
    if (bounce.statusCode !== 303) return bounce;
    const cookie = jar.header();
    response = jar.take(await t.request('GET', pathOf(bounce.headers.location as string), cookie ? { cookie, origin: null } : {}));
  } else {
    const cookie = jar.header();
    response = jar.take(await t.request('GET', callback.url, cookie ? { cookie, origin: null } : {}));
  }
  return response;
}

/** Runs a provider sign-in from the authorize call to the callback's redirect. */
export async function runProviderSignIn(
  t: TestApp,
  options: {
    provider: string;
    login: string;
    providerOrigin: string;
    consent?: boolean;
    jar?: CookieJar;
    intent?: 'login' | 'link' | 'reauthenticate';
    rememberMe?: boolean;
    next?: string;
    /** Apple's `user` field on the first authorization. */
    appleUser?: { firstName: string; lastName: string };
  },
): Promise<ProviderRun> {
  const jar = options.jar ?? new CookieJar();
  const authorize = await fromPage(t, jar, 'POST', `/api/v1/auth/oidc/${options.provider}/authorize`, {
    ...(options.intent ? { intent: options.intent } : {}),
    ...(options.rememberMe !== undefined ? { rememberMe: options.rememberMe } : {}),
    ...(options.next ? { next: options.next } : {}),
  });
  if (authorize.statusCode !== 200) throw new Error(`authorize answered ${authorize.statusCode}: ${authorize.body}`);
  const answer = await authorizeAtStandIn(authorize.json().authorizationUrl, { login: options.login, consent: options.consent ?? true });
  const callback: ProviderRun['callback'] =
    answer.kind === 'redirect'
      ? { method: 'GET', url: pathOf(answer.url.toString()) }
      : {
          method: 'POST',
          url: pathOf(answer.action),
          fields: {
            ...answer.fields,
            ...(options.appleUser ? { user: JSON.stringify({ name: options.appleUser, email: options.login }) } : {}),
          },
        };
  const response = await deliverCallback(t, jar, callback, options.providerOrigin);
  const location = String(response.headers.location ?? '');
  if (response.statusCode !== 303) throw new Error(`callback answered ${response.statusCode}: ${response.body}`);
  return { jar, location, error: new URL(location).searchParams.get('error'), callback };
}

/** What /login/provider would read. */
export async function outcomeOf(t: TestApp, jar: CookieJar) {
  return fromPage(t, jar, 'GET', '/api/v1/auth/oidc/outcome');
}
