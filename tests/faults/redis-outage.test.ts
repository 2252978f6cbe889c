/**
 * Redis stops under a running server. Logins, which count failures and limits in Redis, answer
 * 503 service_unavailable with Retry-After at once, and none succeeds, least of all on a locked
 * account: they fail closed (ASVS 5.0 V6.3.1, NIST SP 800-63B §5.2.2: the limit on failed
 * attempts holds). Session checks, which need only PostgreSQL, go on answering 200. Once Redis
 * is back, the same process signs people in again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, serverEnv, startServer, type ServerProcess } from '../helpers/server-process.js';
import { attempt, createVerifiedAccount, errorLines, freshDatabase, json, logIn, PASSWORD, services, sleep } from './support.js';

const { redis, redisUrl } = services();
let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let origin: string;

beforeAll(async () => {
  database = await freshDatabase();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = await startServer(
    { ...serverEnv({ url: database.url }, origin), REDIS_URL: redisUrl, LOCKOUT_MAX_FAILURES: '3', SHUTDOWN_DRAIN_SECONDS: '0' },
    { port },
  );
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await redis('start').catch(() => {}); // already running unless the test stopped half-way
  await database?.drop();
});

it('answers logins 503 at once while Redis is away, lets none past a lock, keeps session checks, and recovers', async () => {
  const runId = Date.now().toString(36);
  const locked = `redis-locked-${runId}@example.com`;
  const member = `redis-member-${runId}@example.com`;
  await createVerifiedAccount(server, origin, locked);
  await createVerifiedAccount(server, origin, member);
  const cookie = await logIn(server, origin, member);
  const login = (email: string, password = PASSWORD) =>
    attempt(`login ${email}`, `${server.baseUrl}/api/v1/auth/login`, json({ email, password }, origin), 30_000);
  for (let i = 0; i < 3; i++) expect((await login(locked, 'not the password at all')).status).toBe(401);
  expect(await login(locked)).toMatchObject({ status: 423, code: 'account_locked' });

  await redis('stop');
  // Many at once: nothing queues up waiting for Redis to come back.
  const during = await Promise.all([
    ...Array.from({ length: 10 }, () => login(locked)),
    ...Array.from({ length: 10 }, () => login(member)),
    ...Array.from({ length: 5 }, () => login(member, 'a wrong password here')),
  ]);
  for (const outcome of during) expect(outcome).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: expect.stringMatching(/^\d+$/) });
  const sessionChecks = await Promise.all(
    Array.from({ length: 5 }, () => attempt('session check', `${server.baseUrl}/api/v1/auth/session`, { headers: { cookie } })),
  );
  for (const outcome of sessionChecks) expect(outcome.status).toBe(200);

  await redis('start');
  let after = await login(member);
  for (const deadline = Date.now() + 60_000; after.status !== 200 && Date.now() < deadline; after = await login(member)) {
    expect(after).toMatchObject({ status: 503 });
    await sleep(250);
  }
  expect(after.status).toBe(200);
  expect(server.child.exitCode).toBeNull();
  // One line for the outage, naming Redis; nothing else at error level.
  const errors = errorLines(server);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ dependency: 'redis', cause: expect.any(String) });
}, 240_000);
