/**
 * Runs the real server as a child process, for crash, shutdown and outage tests, the bench and
 * the screenshots: by default as production runs it, `node dist/server/main.js` after the
 * compile-if-stale step that `npm start` takes too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from './test-database.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let built = false;
/** Compiles the server to dist/ when its sources changed (scripts/build-server-if-stale.mjs). */
export function buildServer(): void {
  if (built) return;
  const result = spawnSync(process.execPath, ['scripts/build-server-if-stale.mjs'], { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`server build failed:\n${result.stdout}${result.stderr}`);
  built = true;
}

/** How the server process is started. */
export type ServerRuntime =
  /** `node dist/server/main.js`, what `npm start` ends in. */
  | 'compiled'
  /** `npm start` itself (web and server build checks, then exec node): the README's command. */
  | 'npm-start'
  /** `node --import tsx src/server/main.ts`: the sources through a TypeScript loader (compared in the bench). */
  | 'tsx';

/** The command line of a runtime, for tests that run it to completion themselves. */
export function serverCommand(runtime: ServerRuntime = 'compiled'): { command: string; args: string[]; cwd: string } {
  if (runtime === 'npm-start') return { command: 'npm', args: ['start', '--silent'], cwd: repoRoot };
  if (runtime === 'tsx') return { command: process.execPath, args: ['--import', 'tsx', 'src/server/main.ts'], cwd: repoRoot };
  buildServer();
  return { command: process.execPath, args: ['dist/server/main.js'], cwd: repoRoot };
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

export interface StartServerOptions {
  port?: number;
  runtime?: ServerRuntime;
  /** Starts the process in a process group of its own, which `process.kill(-pid, signal)` reaches whole. */
  ownProcessGroup?: true;
  /** How long to wait for /readyz (default 120 s: the machine may be busy). */
  readyTimeoutMs?: number;
}

export async function startServer(env: Record<string, string>, options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const { command, args, cwd } = serverCommand(options.runtime);
  let output = '';
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let ready = false;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!ready) {
    if (child.exitCode === null && child.signalCode === null) {
      if (options.ownProcessGroup) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    }
    throw new Error(`server did not start:\n${output}`);
  }
  return { child, baseUrl, output: () => output, exited };
}

/** Environment for a server process: generous limits, the dev outbox, a database. */
export function serverEnv(database: { dataDir?: string; url?: string }, publicUrl?: string): Record<string, string> {
  const generous = '100000/60';
  return {
    NODE_ENV: 'development',
    ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! }),
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
    RATE_LIMIT_SIGNUP: generous,
    RATE_LIMIT_LOGIN: generous,
    RATE_LIMIT_VERIFY: generous,
    RATE_LIMIT_RESEND: generous,
  };
}

/**
 * A database for server processes, empty and migrated: a fresh PostgreSQL database when the
 * tests run with services, otherwise a PGlite folder. `cleanups` gets what removes it.
 */
export async function serverDatabase(cleanups: (() => Promise<void>)[]): Promise<{ dataDir?: string; url?: string }> {
  const created = await createTestDatabase();
  // The server process opens its own connection; release ours first.
  await created.handle.close();
  if (created.url) {
    cleanups.push(created.drop);
    return { url: created.url };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'workgate-process-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir };
}

/** Resolves once `check` answers true; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
