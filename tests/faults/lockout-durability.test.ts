/**
 * Locks outlive a restart of Redis and of the server: a timed lock of a known device and a lock
 * only the owner ends (the 100th wrong password in a row) are still in force after Redis
 * restarts empty (it keeps nothing on disk here) and the server process restarts.
 * Requirements: ASVS 5.0 V6.3.1; NIST SP 800-63B §5.2.2 (at most 100 consecutive failures).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, serverEnv, startServer, type ServerProcess } from '../helpers/server-process.js';
import { createVerifiedAccount, freshDatabase, json, logIn, PASSWORD, services } from './support.js';

const { redis, redisUrl } = services();
let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let env: Record<string, string>;
let port: number;
let origin: string;

beforeAll(async () => {
  database = await freshDatabase();
  port = await freePort();
  origin = `http://localhost:${port}`;
  env = {
    ...serverEnv({ url: database.url }, origin),
    REDIS_URL: redisUrl,
    // The 100th wrong password from unknown devices is what starts the lock only the owner ends.
    LOCKOUT_MAX_FAILURES: '100',
    LOCKOUT_KNOWN_DEVICE_MAX_FAILURES: '3',
    LOGIN_FAILURES_PER_IP: '100000/60',
    LOGIN_FAILURES_GLOBAL: '100000/60',
    SHUTDOWN_DRAIN_SECONDS: '0',
  };
  server = await startServer(env, { port });
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await redis('start').catch(() => {});
  await database?.drop();
});

async function login(email: string, password: string, device?: string) {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email, password }, origin, device));
  const body = (await response.json()) as { code?: string; detail?: string };
  return { status: response.status, code: body.code, detail: body.detail, cookies: response.headers.getSetCookie() };
}

it('a timed lock and a lock only the owner ends are in force after Redis and the server restart', async () => {
  const runId = Date.now().toString(36);
  const timed = `timed-${runId}@example.com`;
  const ownerOnly = `owner-only-${runId}@example.com`;
  const control = `control-${runId}@example.com`;
  for (const email of [timed, ownerOnly, control]) await createVerifiedAccount(server, origin, email);

  // A known device of `timed` locks itself after three wrong passwords (a timed lock).
  const device = (await login(timed, PASSWORD)).cookies.find((c) => c.startsWith('wg_device='))!.split(';')[0]!;
  for (let i = 1; i <= 3; i++) expect((await login(timed, `wrong guess ${i} here`, device)).status).toBe(401);
  const timedLock = await login(timed, PASSWORD, device);
  expect(timedLock).toMatchObject({ status: 423, code: 'account_locked', detail: expect.any(String) });

  // One hundred wrong passwords in a row from unknown devices: a lock with no end to tell.
  for (let i = 1; i <= 100; i++) expect((await login(ownerOnly, `wrong guess ${i} here`)).status, `guess ${i}`).toBe(401);
  const ownerLock = await login(ownerOnly, PASSWORD);
  expect(ownerLock).toMatchObject({ status: 423, code: 'account_locked' });
  expect(ownerLock.detail).toBeUndefined();

  await redis('restart');
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  server = await startServer(env, { port });

  expect(await login(timed, PASSWORD, device)).toMatchObject({ status: 423, code: 'account_locked', detail: timedLock.detail });
  const ownerAfter = await login(ownerOnly, PASSWORD);
  expect(ownerAfter).toMatchObject({ status: 423, code: 'account_locked' });
  expect(ownerAfter.detail).toBeUndefined();
  // The server and Redis work: an account without a lock signs in.
  await logIn(server, origin, control);
}, 240_000);
