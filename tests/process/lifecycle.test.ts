/** Start-up refuses a bad environment with a clear message; SIGTERM drains requests in flight. */
import { spawnSync } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { freePort, serverCommand, serverEnv, startServer } from '../helpers/server-process.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.trustProxy).toBe(false);
    expect(config.devTools).toBe(true);
    expect(config.session).toEqual({ ttlHours: 24, rememberDays: 30, idleMinutes: 60, absoluteDays: 90, providerMaxDays: 30, maxPerAccount: 20 });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', RATE_LIMIT_LOGIN: 'lots', PUBLIC_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const name of ['PORT', 'DATABASE_URL', 'RATE_LIMIT_LOGIN', 'PUBLIC_URL', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('the server stops at start-up with a message naming the bad variable', () => {
    const { command, args, cwd } = serverCommand();
    const result = spawnSync(command, args, {
      cwd,
      env: { ...process.env, PORT: 'not-a-port', SMTP_URL: 'http://mail' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('SMTP_URL');
    expect(result.stderr).not.toMatch(/at .*\.[jt]s:\d+/); // a message, not a stack trace
  }, 120_000);
});

describe('graceful shutdown', () => {
  it('answers every request in flight when SIGTERM arrives, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workgate-drain-'));
    dirs.push(dataDir);
    const port = await freePort();
    const database = testDatabaseUrl ? { url: testDatabaseUrl } : { dataDir };
    const server = await startServer(
      { ...serverEnv(database, `http://localhost:${port}`), LOG_LEVEL: 'info', SHUTDOWN_DRAIN_SECONDS: '0' },
      { port },
    );
    const count = (pattern: RegExp) => server.output().split('\n').filter((line) => pattern.test(line)).length;
    const runId = Date.now().toString(36);
    // Sign-ups each spend an argon2id hash, so several are still running when SIGTERM lands.
    const inFlight = Array.from({ length: 8 }, (_, i) =>
      fetch(`${server.baseUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `drain-${runId}-${i}@example.com`, password: 'quiet harbour evening 42', name: 'D', role: 'client' }),
      }).then((r) => r.status),
    );
    // Wait until the server has received all eight, then stop it while some are unanswered.
    const deadline = Date.now() + 10_000;
    while (count(/auth\/signup.*incoming request/) < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    const answeredBeforeStop = count(/"statusCode":202/);
    server.child.kill('SIGTERM');
    expect(answeredBeforeStop).toBeLessThan(8);
    const statuses = await Promise.all(inFlight);
    expect(statuses).toEqual(Array(8).fill(202));
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toMatch(/"level":50/); // no error logged while stopping
  }, 120_000);

  it('drains: readiness answers 503 at once while requests, on new connections too, are still answered', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workgate-drain-'));
    dirs.push(dataDir);
    const port = await freePort();
    const database = testDatabaseUrl ? { url: testDatabaseUrl } : { dataDir };
    // A drain long enough for the requests below on a busy machine; the test waits for none of it.
    const server = await startServer({ ...serverEnv(database, `http://localhost:${port}`), SHUTDOWN_DRAIN_SECONDS: '20' }, { port });
    server.child.kill('SIGTERM');
    let readiness = await freshConnection(`${server.baseUrl}/readyz`);
    while (readiness.status === 200) readiness = await freshConnection(`${server.baseUrl}/readyz`);
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body)).toMatchObject({ code: 'service_unavailable' });

    const liveness = await freshConnection(`${server.baseUrl}/healthz`);
    expect(liveness.status).toBe(200);
    // Clients are told to reconnect, so a balancer's next request goes to another instance.
    expect(liveness.headers.connection).toBe('close');
    const signup = await freshConnection(`${server.baseUrl}/api/v1/auth/signup`, {
      email: `drained-${Date.now().toString(36)}@example.com`,
      password: 'quiet harbour evening 42',
      name: 'D',
      role: 'client',
    });
    expect(signup.status).toBe(202);
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toMatch(/"level":50/);
  }, 180_000);
});

/** One request on a connection of its own (no keep-alive pool), as a new client would open. */
function freshConnection(url: string, body?: unknown): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      { agent: false, method: payload ? 'POST' : 'GET', headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
