/**
 * What the fault tests share: the services started by scripts/with-services.sh with their
 * control scripts, a fresh PostgreSQL database per test file, and the few HTTP steps
 * (sign up, verify, log in, check the session) as a browser would take them.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { createTestDatabase } from '../helpers/test-database.js';
import type { ServerProcess } from '../helpers/server-process.js';

export const PASSWORD = 'steady lantern over harbour 64';

/** The services of scripts/with-services.sh; the fault tests never run without them. */
export function services() {
  const { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_PG_CONTROL, TEST_REDIS_CONTROL } = process.env;
  if (!TEST_DATABASE_URL || !TEST_REDIS_URL || !TEST_PG_CONTROL || !TEST_REDIS_CONTROL) {
    throw new Error('The fault tests need PostgreSQL and Redis they may stop: run `npm run test:faults`.');
  }
  // Asynchronous, so the load the test keeps up goes on while a service stops or starts.
  const control = (script: string) => async (action: 'start' | 'stop' | 'restart') => {
    await promisify(execFile)(script, [action], { timeout: 120_000 });
  };
  return { redisUrl: TEST_REDIS_URL, postgres: control(TEST_PG_CONTROL), redis: control(TEST_REDIS_CONTROL) };
}

/** A new database on the test PostgreSQL server, migrated, with the function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const created = await createTestDatabase();
  await created.handle.close();
  return { url: created.url!, drop: created.drop };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What came back for one request: an answer, or the network error that came instead. */
export interface Outcome {
  what: string;
  status?: number;
  code?: string;
  retryAfter?: string | null;
  error?: string;
}

/**
 * Sends one request and records its outcome. `boundMs` is far above any configured timeout:
 * a request still unanswered then counts as hanging.
 */
export async function attempt(what: string, url: string, init: RequestInit = {}, boundMs = 60_000): Promise<Outcome> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(boundMs) });
    const text = await response.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      // not JSON
    }
    return { what, status: response.status, code, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { what, error: cause?.code ?? (error as Error).name };
  }
}

export function json(body: unknown, origin: string, cookie?: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  };
}

/** Signs up and verifies an account through the API and the dev outbox. */
export async function createVerifiedAccount(server: ServerProcess, origin: string, email: string): Promise<void> {
  const signup = await fetch(`${server.baseUrl}/api/v1/auth/signup`, json({ email, password: PASSWORD, name: 'Fault', role: 'client' }, origin));
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}`);
  let token: string | undefined;
  for (let tries = 0; !token && tries < 100; tries++) {
    const outbox = (await (await fetch(`${server.baseUrl}/dev/mail.json`)).json()) as { mail: { to: string; text: string }[] };
    token = /verify-email\?token=([\w-]+)/.exec(outbox.mail.find((m) => m.to === email)?.text ?? '')?.[1];
    if (!token) await sleep(100);
  }
  const verify = await fetch(`${server.baseUrl}/api/v1/auth/email/verify`, json({ token }, origin));
  if (verify.status !== 200) throw new Error(`verification answered ${verify.status}`);
}

/** Logs in with a password; answers the session cookie (name=value). */
export async function logIn(server: ServerProcess, origin: string, email: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email, password: PASSWORD }, origin));
  if (response.status !== 200) throw new Error(`login answered ${response.status}`);
  return response.headers.getSetCookie().find((c) => c.startsWith('wg_session='))!.split(';')[0]!;
}

/** Log lines of the server at error level or above, parsed. */
export function errorLines(server: ServerProcess): { msg: string; [key: string]: unknown }[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => line.level >= 50);
}

/** One GET on a connection of its own (no keep-alive pool), as a new client would open it. */
export function freshConnection(url: string, boundMs = 60_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: boundMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ what: url, status: res.statusCode! }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ what: url, error: error.code ?? error.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('hang'), { code: 'HANG' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ what: url, error: error.code ?? error.message }));
    req.end();
  });
}
