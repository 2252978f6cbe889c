// Compiles the server (src/server, src/shared) to JavaScript in dist/ when the build is missing
// or older than its sources, so `npm start` runs plain `node dist/server/main.js`: one process
// that receives signals itself, without a TypeScript loader in memory. One file in, one file
// out, at the same depth as its source, so paths read from import.meta.url (drizzle/,
// dist/web/) resolve alike from src/ and dist/. Type checking stays with `npm run typecheck`.
// Plain JavaScript: it runs before anything else. Several processes may call it at once
// (test workers): a lock file lets one build while the others wait.
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/.server-build');
const lock = join(root, 'dist/.server-build.lock');
const sourceDirs = ['src/server', 'src/shared'].map((p) => join(root, p));
const sources = [...sourceDirs, join(root, 'package-lock.json'), fileURLToPath(import.meta.url)];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function listSources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function listDataFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listDataFiles(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

const fresh = () => existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newestMtime));
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function acquireLock() {
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A build takes seconds; a lock this old was left by a process that died mid-build.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 120_000) rmSync(lock, { force: true });
      else sleep(100);
    }
  }
}

if (fresh()) process.exit(0);
const { build } = await import('esbuild');
const startedAt = Date.now();
mkdirSync(join(root, 'dist'), { recursive: true });
acquireLock();
try {
  // Another process may have built while this one waited.
  if (!fresh()) {
    const entryPoints = sourceDirs.flatMap((dir) => listSources(dir));
    // Outputs of deleted sources must not linger.
    for (const dir of sourceDirs) rmSync(join(root, 'dist', relative(join(root, 'src'), dir)), { recursive: true, force: true });
    await build({
      entryPoints,
      outbase: join(root, 'src'),
      outdir: join(root, 'dist'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Maps beside each file: `NODE_OPTIONS=--enable-source-maps` puts .ts lines in stack traces.
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    writeFileSync(stamp, `${new Date(startedAt).toISOString()}\n`);
    // The stamp carries the time the build started, so a source saved during the build is newer.
    utimesSync(stamp, new Date(startedAt), new Date(startedAt));
    // Data files the code imports (the skills taxonomy) sit beside their compiled importers.
    for (const dir of sourceDirs) for (const file of listDataFiles(dir)) cpSync(file, join(root, 'dist', relative(join(root, 'src'), file)));
    console.log(`Server compiled to dist/ (${entryPoints.length} files, ${Date.now() - startedAt} ms).`);
  }
} finally {
  rmSync(lock, { force: true });
}
