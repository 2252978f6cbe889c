/**
 * Reads every relative import under a source tree and answers the ones that cross a wall:
 * - `platform/`, `http/`, `shared/` and the configuration import no module (but the schema
 *   file registers every module's tables);
 * - a module uses another only through that module's `index.ts`;
 * - a module imports no module of its own layer or a higher one (modules/module-order.ts);
 * - the web app imports nothing of the server.
 * Used by tests/architecture.test.ts against src/ and against a fixture tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export interface Crossing {
  /** Path of the importing file, relative to the tree's root, with `/`. */
  file: string;
  line: number;
  /** The import as written. */
  specifier: string;
  rule: 'lower_layer_imports_module' | 'not_through_index' | 'against_module_order' | 'web_imports_server' | 'unknown_module';
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
/** Files at server/ that only start and assemble the app, and may import any module's door. */
const COMPOSITION_ROOT = new Set(['server/app.ts', 'server/main.ts']);
/**
 * The one file that gathers every module's tables for Drizzle and drizzle-kit: it may import
 * any `*.table.ts`, and nothing else of a module (a new table must be registered there).
 */
const TABLE_REGISTRY = 'server/platform/schema.ts';

function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(root, path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `server/modules/<name>/…` → name; else undefined. */
function moduleOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'server' && parts[1] === 'modules' && parts.length > 3 ? parts[2] : undefined;
}

function isModuleDoor(path: string): boolean {
  return /^server\/modules\/[^/]+\/index\.(ts|js)$/.test(path);
}

/** The crossings of the tree at `root` (the folder holding server/, shared/, web/). */
export function findCrossings(root: string, layers: readonly (readonly string[])[]): Crossing[] {
  const layerOf = new Map<string, number>();
  for (const [index, names] of layers.entries()) for (const name of names) layerOf.set(name, index);
  const crossings: Crossing[] = [];
  for (const absolute of sourceFiles(root)) {
    const file = relative(root, absolute).split(sep).join('/');
    const from = moduleOf(file);
    readFileSync(absolute, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1]!;
          const target = normalize(join(dirname(file), specifier)).split(sep).join('/');
          const to = moduleOf(target);
          const crossing = (rule: Crossing['rule']) => crossings.push({ file, line: index + 1, specifier, rule });
          if (file.startsWith('web/')) {
            if (target.startsWith('server/')) crossing('web_imports_server');
            continue;
          }
          if (!to || to === from) continue;
          if (!layerOf.has(to)) {
            crossing('unknown_module');
            continue;
          }
          if (!from) {
            if (file === TABLE_REGISTRY && /\.table\.js$/.test(target)) continue;
            if (!COMPOSITION_ROOT.has(file)) crossing('lower_layer_imports_module');
            else if (!isModuleDoor(target)) crossing('not_through_index');
            continue;
          }
          if (!layerOf.has(from)) crossing('unknown_module');
          else if (layerOf.get(to)! >= layerOf.get(from)!) crossing('against_module_order');
          else if (!isModuleDoor(target)) crossing('not_through_index');
        }
      });
  }
  return crossings;
}

/** One line per crossing, as the baseline file keeps them: `file:specifier rule` (line numbers move). */
export function crossingKey(crossing: Crossing): string {
  return `${crossing.file} -> ${crossing.specifier} (${crossing.rule})`;
}
