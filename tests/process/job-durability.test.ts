/**
 * Durable jobs as processes (fixtures/job-runner.ts runs the server's job queue alone):
 * a delayed job sent before SIGKILL runs once after the restart, not before its time; and,
 * with two instances on one PostgreSQL, a cron schedule runs once per tick, not once per
 * instance. Work that must happen once (a 14-day auto-release, monthly Connects) relies on both.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { serverDatabase, until } from '../helpers/server-process.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Run {
  instance: string;
  id: string;
  kind: string;
  at: number;
}

interface Runner {
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | string>;
}

async function startRunner(env: Record<string, string>): Promise<Runner> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/process/fixtures/job-runner.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  await until(() => output.includes('ready\n') || child.exitCode !== null, 60_000, 'the job runner');
  if (!output.includes('ready\n')) throw new Error(`job runner did not start:\n${output}`);
  return { kill: (signal) => child.kill(signal), exited };
}

function runLog(): { path: string; runs(): Run[] } {
  const dir = mkdtempSync(join(tmpdir(), 'workgate-runs-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'runs.jsonl');
  writeFileSync(path, '');
  const runs = () =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Run);
  return { path, runs };
}

function databaseEnv(database: { dataDir?: string; url?: string }): Record<string, string> {
  return database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! };
}

it('a delayed job sent before SIGKILL runs once after the restart, and not before its time', async () => {
  const database = databaseEnv(await serverDatabase(cleanups));
  const log = runLog();
  const sentAt = Date.now();
  const first = await startRunner({ ...database, RUN_LOG: log.path, INSTANCE: 'first', SEND_DELAYED_SECONDS: '4' });
  first.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  expect(log.runs()).toEqual([]);

  const second = await startRunner({ ...database, RUN_LOG: log.path, INSTANCE: 'second' });
  cleanups.push(async () => {
    second.kill('SIGTERM');
    await second.exited;
  });
  await until(() => log.runs().length > 0, 30_000, 'the delayed job');
  // Several polling intervals more: a second run would have happened by now.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const runs = log.runs();
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ instance: 'second', kind: 'delayed' });
  expect(runs[0]!.at).toBeGreaterThanOrEqual(sentAt + 4000);
}, 120_000);

// Two instances need a database server: PGlite is one process's.
if (testDatabaseUrl) {
  it('with two instances on one PostgreSQL, a scheduled job runs once per tick', async () => {
    const database = databaseEnv(await serverDatabase(cleanups));
    const log = runLog();
    const common = { ...database, RUN_LOG: log.path, SCHEDULE_CRON: '* * * * *' };
    const started = Date.now();
    const a = await startRunner({ ...common, INSTANCE: 'a' });
    const b = await startRunner({ ...common, INSTANCE: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 130_000));
    for (const runner of [a, b]) runner.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    const stopped = Date.now();

    // pg-boss looks for due ticks every 30 s on each instance and sends a due tick at most
    // once per clock minute across them (its hand-off job is a singleton per minute): one run
    // per tick, within the minute after it. Twice per tick, or once per instance, would
    // exceed one run per clock minute the instances were up.
    const MINUTE = 60_000;
    const minutesUp = Math.floor(stopped / MINUTE) - Math.floor(started / MINUTE) + 1;
    const runs = log.runs().filter((r) => r.kind === 'scheduled');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(minutesUp);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
  }, 240_000);
}
