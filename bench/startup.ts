/**
 * Start-up time and idle memory of the embedded server (PGlite in DATA_DIR): a first start on an
 * empty folder, then later starts on the same folder. Each configuration is measured in the
 * same run, so their ratios hold across machines better than the absolute figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, freePort, startServer, type ServerRuntime } from '../tests/helpers/server-process.js';

/** How long the server idles before its memory is read. */
const IDLE_MS = 5_000;

export interface StartFigures {
  /** From spawning the process to the first 200 of /readyz. */
  readyMs: number;
  /** Resident memory of the server process after IDLE_MS of idling, and its peak. */
  rssMiB: number;
  peakMiB: number;
}

export interface StartupConfiguration {
  label: string;
  runtime: ServerRuntime;
  env: Record<string, string>;
}

export interface StartupResult extends StartupConfiguration {
  first: StartFigures;
  later: StartFigures[];
}

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
  return { rssMiB: field('VmRSS'), peakMiB: field('VmHWM') };
}

async function startOnce(configuration: StartupConfiguration, dataDir: string): Promise<StartFigures> {
  const port = await freePort();
  // The compile-if-stale step is not part of the start measured.
  buildServer();
  const startedAt = performance.now();
  const server = await startServer(
    { NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}`, ...configuration.env },
    { port, runtime: configuration.runtime, readyTimeoutMs: 300_000 },
  );
  const readyMs = performance.now() - startedAt;
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, ...memoryOf(server.child.pid!) };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/** A first start and `laterStarts` later ones of each configuration, on a fresh folder each. */
export async function measureStartups(configurations: StartupConfiguration[], laterStarts = 2): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const configuration of configurations) {
    const dataDir = mkdtempSync(join(tmpdir(), 'workgate-bench-start-'));
    try {
      const first = await startOnce(configuration, dataDir);
      const later: StartFigures[] = [];
      for (let i = 0; i < laterStarts; i++) later.push(await startOnce(configuration, dataDir));
      results.push({ ...configuration, first, later });
      process.stdout.write(
        `[start-up] ${configuration.label}: first ${(first.readyMs / 1000).toFixed(1)} s ${first.rssMiB} MiB; later ${later
          .map((l) => `${(l.readyMs / 1000).toFixed(1)} s ${l.rssMiB} MiB`)
          .join(', ')}\n`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}

/** The markdown table of the results, with each configuration's later-start RSS against the first row's. */
export function startupTable(results: StartupResult[]): string {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const base = median(results[0]!.later.map((l) => l.rssMiB));
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const rows = results.map((r) => {
    const laterRss = median(r.later.map((l) => l.rssMiB));
    return `| ${r.label} | ${seconds(r.first.readyMs)} | ${r.first.rssMiB} / ${r.first.peakMiB} | ${r.later.map((l) => seconds(l.readyMs)).join(', ')} | ${r.later.map((l) => `${l.rssMiB} / ${l.peakMiB}`).join(', ')} | ${((laterRss / base) * 100).toFixed(0)}% |`;
  });
  return [
    '| configuration | first start: ready s | first start: idle RSS / peak MiB | later starts: ready s | later starts: idle RSS / peak MiB | later RSS vs first row |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
