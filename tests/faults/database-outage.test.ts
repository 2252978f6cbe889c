/**
 * PostgreSQL restarts, then stops for 10 s, under light load (session checks and logins): every
 * answer is a 200 or a 503 service_unavailable with Retry-After; none is a 500, none hangs, no
 * connection is reset; the outages are logged once each, without SQL; the same server process
 * answers 200 again once PostgreSQL is back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, serverEnv, startServer, type ServerProcess } from '../helpers/server-process.js';
import { attempt, createVerifiedAccount, errorLines, freshDatabase, json, logIn, PASSWORD, services, sleep, type Outcome } from './support.js';

const { postgres } = services();
let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let origin: string;

beforeAll(async () => {
  database = await freshDatabase();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = await startServer(
    { ...serverEnv({ url: database.url }, origin), DATABASE_CONNECT_TIMEOUT_SECONDS: '2', DATABASE_STATEMENT_TIMEOUT_SECONDS: '5', SHUTDOWN_DRAIN_SECONDS: '0' },
    { port },
  );
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await postgres('start').catch(() => {}); // already running unless the test stopped half-way
  await database?.drop();
});

it('answers only 200 or 503 with Retry-After through a restart and a 10 s stop, then recovers without a restart', async () => {
  const email = `db-outage-${Date.now().toString(36)}@example.com`;
  await createVerifiedAccount(server, origin, email);
  const cookie = await logIn(server, origin, email);
  // Logins under load come from another account: each makes a session, and an account keeps at
  // most 20, so they would otherwise end the session whose checks are counted.
  const other = `db-outage-logins-${Date.now().toString(36)}@example.com`;
  await createVerifiedAccount(server, origin, other);

  const outcomes: Outcome[] = [];
  let running = true;
  const keepSending = async (send: () => Promise<Outcome>) => {
    while (running) {
      outcomes.push(await send());
      await sleep(100);
    }
  };
  const load = [
    keepSending(() => attempt('session check', `${server.baseUrl}/api/v1/auth/session`, { headers: { cookie } })),
    keepSending(() => attempt('login', `${server.baseUrl}/api/v1/auth/login`, json({ email: other, password: PASSWORD }, origin))),
  ];
  await sleep(1_000);
  await postgres('restart');
  await sleep(2_000);
  await postgres('stop');
  await sleep(10_000);
  await postgres('start');
  const sinceStart = outcomes.length;
  const answered = (what: string) => outcomes.slice(sinceStart).some((o) => o.what === what && o.status === 200);
  const deadline = Date.now() + 120_000;
  while (!(answered('session check') && answered('login')) && Date.now() < deadline) await sleep(200);
  running = false;
  await Promise.all(load);

  const unexpected = outcomes.filter(
    (o) => !(o.status === 200 || (o.status === 503 && o.code === 'service_unavailable' && Number(o.retryAfter) >= 1)),
  );
  expect(unexpected).toEqual([]);
  expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);
  // Recovered in the same process.
  expect(answered('session check')).toBe(true);
  expect(answered('login')).toBe(true);
  expect(server.child.exitCode).toBeNull();

  // One line when an outage begins (a restart and a stop: at most two), naming its cause, no SQL.
  const errors = errorLines(server);
  expect(errors.length).toBeGreaterThanOrEqual(1);
  expect(errors.length).toBeLessThanOrEqual(2);
  for (const line of errors) expect(line).toMatchObject({ dependency: 'database', cause: expect.any(String) });
  expect(server.output()).not.toMatch(/Failed query|params:|select |insert into/i);
}, 240_000);
