/**
 * `npm run bench`: throughput of the account core on loopback, as ratios against baselines
 * measured in the same run, on embedded PGlite and (when scripts/with-services.sh provides
 * one) on PostgreSQL. Results go to docs/benchmarks.md.
 *
 * - login/s against the hashing bound: cores ÷ the time of one argon2id hash, the most
 *   logins the machine could do if it did nothing but hash;
 * - GET /api/v1/auth/session/s against GET /healthz (a bare route of the same server);
 * - start-up time and idle memory of the embedded server, first and later starts, in the
 *   configurations that decided how it runs (bench/startup.ts).
 */
import { cpus, totalmem, release } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createPasswordHasher } from '../src/server/platform/password-hasher.js';
import { cpuTimes, perRequest, type CpuTimes } from './cpu-accounting.js';
import { measureStartups, startupTable } from './startup.js';
import { freePort, startServer, type ServerProcess } from '../tests/helpers/server-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'benchmark walrus ocean 8812';

interface Run {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  /** CPU time per successful request, where /proc tells it. */
  cpu?: CpuTimes | undefined;
}

const WARM_UP_SECONDS = 2;
const ROUNDS = 3;
/** Connections of the session-check load, each signed in as its own session. */
const SESSION_CONNECTIONS = 16;

async function load(options: autocannon.Options, seconds = SECONDS, serverPid?: number): Promise<Run> {
  const before = serverPid ? cpuTimes(serverPid) : undefined;
  const result = await autocannon({ ...options, duration: seconds });
  const after = serverPid ? cpuTimes(serverPid) : undefined;
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    requestsPerSecond: result['2xx'] / seconds,
    p99Ms: result.latency.p99,
    errors: bad,
    cpu: perRequest(before, after, result['2xx']),
  };
}

/** The run with the median throughput. */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)]!;
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: Math.round(field('VmRSS')), peak: Math.round(field('VmHWM')) };
}

async function oneHashMs(): Promise<number> {
  const hasher = await createPasswordHasher();
  for (let i = 0; i < 3; i++) await hasher.hash(PASSWORD); // warm-up
  const n = 20;
  const start = performance.now();
  for (let i = 0; i < n; i++) await hasher.hash(PASSWORD);
  return (performance.now() - start) / n;
}

/**
 * Hashes per second with `parallel` hashes in flight at once: what argon2id alone achieves on
 * this machine when the cores share memory bandwidth, the practical ceiling for logins.
 */
async function parallelHashRate(parallel: number): Promise<{ perSecond: number; cpuMsPerHash: number }> {
  const hasher = await createPasswordHasher();
  const total = 80;
  let started = 0;
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (started < total) {
        started += 1;
        await hasher.hash(PASSWORD);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { perSecond: total / ((performance.now() - start) / 1000), cpuMsPerHash: (cpu.user + cpu.system) / 1000 / total };
}

async function createVerifiedUser(server: ServerProcess, origin: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  const headers = { 'content-type': 'application/json', origin };
  await fetch(`${server.baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password: PASSWORD, name: 'Bench', role: 'client' }),
  });
  await new Promise((r) => setTimeout(r, 200));
  const outbox = (await (await fetch(`${server.baseUrl}/dev/mail.json`)).json()) as { mail: { to: string; text: string }[] };
  const token = /token=([\w-]+)/.exec(outbox.mail.find((m) => m.to === email)!.text)![1];
  await fetch(`${server.baseUrl}/api/v1/auth/email/verify`, { method: 'POST', headers, body: JSON.stringify({ token }) });
  return email;
}

interface Figures {
  database: string;
  login: Run;
  session: Run;
  bare: Run;
  memory: { rss: number; peak: number };
}

async function benchDatabase(database: { dataDir?: string; url?: string }, label: string): Promise<Figures> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const generous = '100000000/60';
  const server = await startServer(
    {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: origin,
      ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! }),
      RATE_LIMIT_LOGIN: generous,
      RATE_LIMIT_SIGNUP: generous,
      RATE_LIMIT_VERIFY: generous,
    },
    { port },
  );
  try {
    const email = await createVerifiedUser(server, origin);
    const loginBody = JSON.stringify({ email, password: PASSWORD });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: loginBody,
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    // A person signing in again from their own browser presents its device cookie.
    const deviceCookie = cookies.find((c) => c.startsWith('wg_device='));

    process.stdout.write(`[${label}] login… `);
    const loginOptions: autocannon.Options = {
      url: `${server.baseUrl}/api/v1/auth/login`,
      method: 'POST',
      connections: 4,
      headers: { 'content-type': 'application/json', origin, ...(deviceCookie ? { cookie: deviceCookie } : {}) },
      body: loginBody,
    };
    await load(loginOptions, WARM_UP_SECONDS);
    const loginRun = await load(loginOptions, SECONDS, server.child.pid);
    process.stdout.write(`${loginRun.requestsPerSecond.toFixed(1)}/s\n`);
    // Each connection of the session-check load is a different session, as on a real server;
    // made after the login load, whose sign-ins end the account's sessions beyond its limit.
    const sessionCookies: string[] = [];
    for (let i = 0; i < SESSION_CONNECTIONS; i++) {
      const signedIn = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: loginBody,
      });
      sessionCookies.push(signedIn.headers.getSetCookie().find((c) => c.startsWith('wg_session='))!.split(';')[0]!);
    }
    let nextSession = 0;
    // The session check and the bare route alternate over several rounds after a warm-up
    // (JIT, prepared statements on every pooled connection); the median of each is kept, so
    // a passing disturbance of the machine affects both sides alike.
    const bareOptions = { url: `${server.baseUrl}/healthz`, connections: 16 };
    const sessionOptions: autocannon.Options = {
      url: `${server.baseUrl}/api/v1/auth/session`,
      connections: SESSION_CONNECTIONS,
      setupClient: (client) => client.setHeaders({ cookie: sessionCookies[nextSession++ % SESSION_CONNECTIONS]! }),
    };
    await load(bareOptions, WARM_UP_SECONDS);
    await load(sessionOptions, WARM_UP_SECONDS);
    const bareRuns: Run[] = [];
    const sessionRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await load(bareOptions, SECONDS / ROUNDS, server.child.pid));
      sessionRuns.push(await load(sessionOptions, SECONDS / ROUNDS, server.child.pid));
      process.stdout.write(
        `[${label}] round ${round + 1}: bare ${bareRuns.at(-1)!.requestsPerSecond.toFixed(0)}/s, session ${sessionRuns.at(-1)!.requestsPerSecond.toFixed(0)}/s\n`,
      );
    }
    const bare = median(bareRuns);
    const session = median(sessionRuns);
    return { database: label, login: loginRun, session, bare, memory: rssMiB(server.child.pid!) };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wg_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

async function main(): Promise<void> {
  const cores = cpus().length;
  const hashMs = await oneHashMs();
  const bound = cores / (hashMs / 1000);
  const { perSecond: ceiling, cpuMsPerHash } = await parallelHashRate(4);
  console.log(
    `argon2id hash: ${hashMs.toFixed(1)} ms; hashing bound: ${bound.toFixed(1)} logins/s on ${cores} cores; 4 hashes in parallel: ${ceiling.toFixed(1)}/s`,
  );

  const startups = await measureStartups([
    { label: '`npm start`: compiled JavaScript, 16 MB shared buffers (the defaults)', runtime: 'compiled', env: {} },
    { label: 'compiled JavaScript, 128 MB shared buffers (PostgreSQL\'s default)', runtime: 'compiled', env: { PGLITE_SHARED_BUFFERS_MB: '128' } },
    { label: '`node --import tsx src/server/main.ts`, 16 MB shared buffers', runtime: 'tsx', env: {} },
  ]);

  const results: Figures[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'workgate-bench-'));
  try {
    results.push(await benchDatabase({ dataDir }, 'PGlite (embedded)'));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const db = await freshPostgresDatabase(adminUrl);
    try {
      results.push(await benchDatabase({ url: db.url }, 'PostgreSQL 15 (loopback)'));
    } finally {
      await db.drop();
    }
  } else {
    console.log('PostgreSQL not measured: run `npm run bench` (it starts one through scripts/with-services.sh).');
  }

  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const rows = results
    .map(
      (r) =>
        `| ${r.database} | ${r.login.requestsPerSecond.toFixed(1)} | ${pct(r.login.requestsPerSecond, bound)} | ${pct(r.login.requestsPerSecond, ceiling)} | ${r.session.requestsPerSecond.toFixed(0)} | ${r.bare.requestsPerSecond.toFixed(0)} | ${pct(r.session.requestsPerSecond, r.bare.requestsPerSecond)} | ${r.login.p99Ms} / ${r.session.p99Ms} | ${r.memory.rss} / ${r.memory.peak} | ${r.login.errors + r.session.errors + r.bare.errors} |`,
    )
    .join('\n');
  const us = (ms: number | undefined) => (ms === undefined ? '–' : (ms * 1000).toFixed(0));
  const cpuRows = results
    .flatMap((r) =>
      (
        [
          ['login', r.login],
          ['session check', r.session],
          ['bare route', r.bare],
        ] as const
      ).map(([what, run]) => {
        const c = run.cpu;
        const total = c && c.serverMain + c.serverOther + c.postgres + c.loadGenerator;
        const allows = total ? ((cores * 1000) / total).toFixed(what === 'login' ? 1 : 0) : '–';
        return `| ${r.database} | ${what} | ${us(c?.serverOther)} | ${us(c?.serverMain)} | ${us(c?.postgres)} | ${us(c?.loadGenerator)} | ${us(total)} | ${allows} | ${run.requestsPerSecond.toFixed(run === r.login ? 1 : 0)} |`;
      }),
    )
    .join('\n');
  const markdown = `# Benchmarks

Measured by \`npm run bench\` (bench/run.ts) on ${date}: ${cpu}, ${cores} cores, ${Math.round(totalmem() / 2 ** 30)} GiB,
Linux ${release()}, Node ${process.version}. Server and load generator (autocannon) share the machine over loopback;
each load runs ${SECONDS} s. The server logs at \`warn\`. Figures are ratios against baselines taken in the same run,
so they compare across machines better than the absolute numbers do.

- **Hashing bound**: one argon2id hash (m=19456 KiB, t=2, p=1) takes ${hashMs.toFixed(1)} ms here, so ${cores} cores can
  do at most ${bound.toFixed(1)} password checks per second. Login (4 connections, one verification each) is measured
  against it. Target: 80% or more. For reference, argon2id alone with 4 hashes in flight (the login load's
  concurrency, one per libuv thread) reaches ${ceiling.toFixed(1)} hashes/s here, ${pct(ceiling, bound)} of the bound: hashes running
  side by side share the cores' caches and memory bandwidth ("of parallel hashing" compares login with this).
- **Session check**: \`GET /api/v1/auth/session\` with a session cookie (${SESSION_CONNECTIONS} connections, each its own session) against \`GET /healthz\`
  (the same server, no database), after a ${WARM_UP_SECONDS} s warm-up each, alternating over ${ROUNDS} rounds; the median
  round of each is reported. Target: 40% or more on PostgreSQL.

| database | login/s | of hashing bound | of parallel hashing | session checks/s | bare route/s | session ÷ bare | p99 ms login / session | server RSS / peak MiB | errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}

**Where the CPU goes**, per request, in µs of CPU time read from /proc during the same loads (median round for the
session check and the bare route): the server's threads other than the event loop (argon2id runs on libuv's pool),
its event loop, every PostgreSQL process, and the load generator. "Allows" is ${cores} cores ÷ that total: the rate
those costs permit if nothing else ran. For reference, argon2id alone with 4 hashes in flight costs
${(cpuMsPerHash * 1000).toFixed(0)} µs of CPU per hash here (one hash alone: ${(hashMs * 1000).toFixed(0)} µs of wall time).

| database | load | server, other threads | server, event loop | PostgreSQL | load generator | total | allows /s | measured /s |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${cpuRows}

## Start-up and memory of the embedded server
Each configuration starts the server on an empty \`DATA_DIR\` (first start: PGlite creates the
database, then the migrations run), then twice more on the same folder. "Ready" is from spawning
the process to the first 200 of \`/readyz\`; the idle RSS of the server process is read after 5 s
without requests, with its peak so far (VmHWM). The last column compares the median later-start
RSS with the first row's.

${startupTable(startups)}
`;
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), markdown);
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
