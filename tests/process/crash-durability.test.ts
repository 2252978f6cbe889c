/**
 * Durability: a write the server acknowledged survives a crash. The server is killed with
 * SIGKILL in the middle of a burst of sign-ups and verifications, restarted on the same
 * data, and every acknowledged sign-up and verification must be found.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { freePort, serverEnv, startServer, type ServerProcess } from '../helpers/server-process.js';
import { createTestDatabase } from '../helpers/test-database.js';

const PASSWORD = 'durable granite lighthouse 77';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function post(server: ServerProcess, path: string, body: unknown) {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.baseUrl.replace('127.0.0.1', 'localhost') },
    body: JSON.stringify(body),
  });
}

async function databaseForServer(): Promise<{ dataDir?: string; url?: string }> {
  const created = await createTestDatabase();
  if (created.url) {
    // The server process opens its own connection; release ours first.
    await created.handle.close();
    cleanups.push(created.drop);
    return { url: created.url };
  }
  await created.handle.close();
  const dataDir = mkdtempSync(join(tmpdir(), 'workgate-crash-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir };
}

it('finds every acknowledged sign-up and verification after SIGKILL and restart', async () => {
  const database = await databaseForServer();
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const env = serverEnv(database, publicUrl);
  const first = await startServer(env, { port });

  const signedUp: string[] = [];
  const verified: string[] = [];
  const runId = Date.now().toString(36);
  let stop = false;

  async function worker(index: number) {
    for (let n = 0; !stop; n++) {
      const email = `crash-${runId}-${index}-${n}@example.com`;
      try {
        const signup = await post(first, '/api/v1/auth/signup', { email, password: PASSWORD, name: `Crash ${n}`, role: 'client' });
        if (signup.status !== 202) continue;
        signedUp.push(email);
        const outbox = (await (await fetch(`${first.baseUrl}/dev/mail.json`)).json()) as { mail: { to: string; text: string }[] };
        const token = /verify-email\?token=([\w-]+)/.exec(outbox.mail.find((m) => m.to === email)?.text ?? '')?.[1];
        if (!token) continue;
        const verify = await post(first, '/api/v1/auth/email/verify', { token });
        if (verify.status === 200) verified.push(email);
      } catch {
        return; // the server died under us: the request was never acknowledged
      }
    }
  }

  const workers = [0, 1, 2, 3].map(worker);
  // Kill once a fair number of writes is acknowledged, while requests are still in flight.
  while (verified.length < 12) await new Promise((r) => setTimeout(r, 20));
  first.child.kill('SIGKILL');
  stop = true;
  expect(await first.exited).toBe('SIGKILL');
  await Promise.all(workers);

  const second = await startServer(env, { port });
  cleanups.push(async () => {
    second.child.kill('SIGTERM');
    await second.exited;
  });

  // Acknowledged verifications sign in (200). An acknowledged sign-up whose verification was
  // not acknowledged answers 403 email_unverified, or 200 when the verification committed but
  // its answer died with the process; either proves the account and its password hash exist.
  // A lost account would answer 401 invalid_credentials.
  const lost: { email: string; status: number }[] = [];
  for (const email of signedUp) {
    const status = (await post(second, '/api/v1/auth/login', { email, password: PASSWORD })).status;
    const acceptable = verified.includes(email) ? [200] : [200, 403];
    if (!acceptable.includes(status)) lost.push({ email, status });
  }
  expect(lost).toEqual([]);
  expect(signedUp.length).toBeGreaterThanOrEqual(12);
  expect(verified.length).toBeGreaterThanOrEqual(12);

  if (database.url) {
    // The acknowledged rows are really in PostgreSQL.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('select count(*)::int as n from users where email = any($1) and email_verified_at is not null', [verified]);
    await client.end();
    expect(rows[0].n).toBe(verified.length);
  }
}, 120_000);
