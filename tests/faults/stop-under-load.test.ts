/**
 * A stop loses no request. `npm start` runs in a process group of its own and gets SIGTERM as
 * `docker stop`, systemd or Ctrl-C deliver it, to the whole group, while 8 sign-ups are in
 * flight, new connections keep arriving, and the server's event loop is busy for 200 ms when
 * the signal lands (tests/faults/fixtures/busy-at-sigterm.mjs). Every request sent before the
 * signal gets a real answer (none is reset), the drain keeps accepting new connections, and the
 * server says it stopped cleanly.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, serverEnv, startServer, type ServerProcess } from '../helpers/server-process.js';
import { freshConnection, freshDatabase, PASSWORD, services, sleep, type Outcome } from './support.js';

const { redisUrl } = services();
const busyAtSigterm = fileURLToPath(new URL('./fixtures/busy-at-sigterm.mjs', import.meta.url));
let database: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;

beforeAll(async () => {
  database = await freshDatabase();
  const port = await freePort();
  server = await startServer(
    {
      ...serverEnv({ url: database.url }, `http://localhost:${port}`),
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_SECONDS: '3',
      NODE_OPTIONS: `--import=${busyAtSigterm}`,
    },
    { port, runtime: 'npm-start', ownProcessGroup: true, readyTimeoutMs: 180_000 },
  );
});

afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) process.kill(-server.child.pid!, 'SIGKILL');
  await database?.drop();
});

it('answers every request sent before SIGTERM to the process group, resets none, and accepts through the drain', async () => {
  const count = (pattern: RegExp) => server.output().split('\n').filter((line) => pattern.test(line)).length;
  const runId = Date.now().toString(36);
  // Sign-ups each spend an argon2id hash, so several are still running when SIGTERM lands.
  const inFlight = Array.from({ length: 8 }, (_, i) =>
    fetch(`${server.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `stop-${runId}-${i}@example.com`, password: PASSWORD, name: 'S', role: 'client' }),
    }).then(
      (r) => r.status,
      (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
    ),
  );
  let ended = false;
  void server.exited.then(() => (ended = true));
  // New clients keep coming, each on a connection of its own, until the process has ended.
  const arrivals: { sentAt: number; outcome: Promise<Outcome> }[] = [];
  const arriving = (async () => {
    while (!ended) {
      arrivals.push({ sentAt: Date.now(), outcome: freshConnection(`${server.baseUrl}/healthz`) });
      await sleep(25);
    }
  })();

  for (const deadline = Date.now() + 60_000; count(/auth\/signup.*incoming request/) < 8 && Date.now() < deadline; ) await sleep(2);
  const answeredBeforeSignal = count(/"statusCode":202/);
  const signalAt = Date.now();
  process.kill(-server.child.pid!, 'SIGTERM');
  expect(answeredBeforeSignal).toBeLessThan(8);

  expect(await Promise.all(inFlight)).toEqual(Array(8).fill(202));
  await server.exited;
  await arriving;
  const sentBefore = await Promise.all(arrivals.filter((a) => a.sentAt < signalAt).map((a) => a.outcome));
  const sentAfter = await Promise.all(arrivals.filter((a) => a.sentAt >= signalAt).map((a) => a.outcome));
  expect(sentBefore.length).toBeGreaterThan(0);
  // A real answer for each: 200, or a 503 a client may retry. No reset, no hang.
  expect(sentBefore.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
  // The drain kept accepting connections after the signal; none of those hung either.
  expect(sentAfter.some((o) => o.status === 200)).toBe(true);
  expect(sentAfter.filter((o) => o.error === 'HANG')).toEqual([]);
  expect(server.output()).toMatch(/"outcome":"clean".*"msg":"stopped"/);
  expect(server.output()).not.toMatch(/"level":50/);
}, 240_000);
