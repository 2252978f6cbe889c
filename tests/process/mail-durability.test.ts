/**
 * Durable mail: a mail that an answer accepted is sent after a crash. Before, mail waited in
 * memory, and a crash between the answer and the send lost a verification or reset mail.
 *
 * The real server runs as a process, sending through SMTP to a sink on loopback. The sink
 * first accepts, then refuses with a temporary error (451), so each mail queued meanwhile is
 * either not yet tried or waiting for its delayed retry. The server is killed with SIGKILL
 * right after the answers to sign-ups and password resets, the sink accepts again, the
 * server restarts on the same data, and every accepted mail must arrive exactly once.
 * With TEST_DATABASE_URL (scripts/with-services.sh) the same runs on PostgreSQL.
 */
import { afterAll, expect, it } from 'vitest';
import { freePort, serverDatabase, serverEnv, startServer, until, type ServerProcess } from '../helpers/server-process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const PASSWORD = 'durable granite lighthouse 77';
const VERIFY = 'Confirm your email for Workgate';
const RESET = 'Reset your Workgate password';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function post(server: ServerProcess, path: string, body: unknown): Promise<number> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.baseUrl.replace('127.0.0.1', 'localhost') },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  return response.status;
}

function count(sink: SmtpSink, to: string, subject: string): number {
  return sink.received.filter((m) => m.to === to && m.subject === subject).length;
}

it('sends every mail accepted before SIGKILL exactly once after the restart, delayed retries included', async () => {
  const sink = await startSmtpSink();
  cleanups.push(sink.close);
  const database = await serverDatabase(cleanups);
  const port = await freePort();
  const env = {
    ...serverEnv(database, `http://localhost:${port}`),
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    RATE_LIMIT_FORGOT: '100000/60',
  };
  const first = await startServer(env, { port });
  const run = Date.now().toString(36);
  const address = (name: string) => `${name}-${run}@example.com`;

  // While the mail server accepts, mail goes out.
  const early = [address('early-1'), address('early-2')];
  for (const email of early) expect(await post(first, '/api/v1/auth/signup', { email, password: PASSWORD, name: 'Early', role: 'client' })).toBe(202);
  await until(() => early.every((email) => count(sink, email, VERIFY) === 1), 30_000, 'the first mails');

  // Now it refuses for a while: what is queued meanwhile is tried once and scheduled for later.
  sink.refuse = true;
  const expected: { to: string; subject: string }[] = [];
  for (const name of ['late-1', 'late-2', 'late-3', 'late-4']) {
    const email = address(name);
    expect(await post(first, '/api/v1/auth/signup', { email, password: PASSWORD, name: 'Late', role: 'freelancer' })).toBe(202);
    expected.push({ to: email, subject: VERIFY });
  }
  for (const email of [...early, address('late-1')]) {
    expect(await post(first, '/api/v1/auth/password/forgot', { email })).toBe(202);
    expected.push({ to: email, subject: RESET });
  }
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  // Some mails were tried and refused before the kill: their retries are delayed jobs.
  expect(sink.refused).toBeGreaterThan(0);

  sink.refuse = false;
  const second = await startServer(env, { port });
  cleanups.push(async () => {
    second.child.kill('SIGTERM');
    await second.exited;
  });
  // On PostgreSQL a send cut off by the kill is retried once its run expires (60 s) and
  // maintenance notices (every 30 s); on PGlite, at start-up.
  await until(() => expected.every((m) => count(sink, m.to, m.subject) >= 1), 150_000, 'every accepted mail');
  // Longer than the next retry delays: a second copy of any mail would have come by now.
  await new Promise((resolve) => setTimeout(resolve, 12_000));

  for (const m of expected) expect(count(sink, m.to, m.subject), `${m.subject} to ${m.to}`).toBe(1);
  for (const email of early) expect(count(sink, email, VERIFY)).toBe(1);
  expect(sink.received).toHaveLength(early.length + expected.length);
}, 240_000);
