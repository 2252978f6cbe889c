/** Runs the real server (src/server/main.ts) as a child process, for crash and shutdown tests. */
import { spawn, type ChildProcess } from 'node:child_process';
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

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

export async function startServer(env: Record<string, string>, options: { port?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
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
    child.kill('SIGKILL');
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
