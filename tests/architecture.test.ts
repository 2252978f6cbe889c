/**
 * The walls between modules, checked on every import under src/ (rules in
 * scripts/architecture/check-imports.ts, order in src/server/modules/module-order.ts).
 *
 * The account modules were written before the walls; the crossings they still make are
 * listed in tests/architecture-baseline.txt. No new crossing may appear, and a crossing that
 * is gone must leave the list, so it only shrinks. Marketplace modules start with none.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { crossingKey, findCrossings } from '../scripts/architecture/check-imports.js';
import { MODULE_LAYERS } from '../src/server/modules/module-order.js';

const here = dirname(fileURLToPath(import.meta.url));
const BASELINE = join(here, 'architecture-baseline.txt');

function baseline(): string[] {
  return readFileSync(BASELINE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

describe('module walls in src/', () => {
  const crossings = findCrossings(join(here, '..', 'src'), MODULE_LAYERS);
  const known = new Set(baseline());

  it('no import crosses a wall that the baseline does not already list', () => {
    const fresh = crossings.filter((crossing) => !known.has(crossingKey(crossing)));
    expect(fresh.map((c) => `${c.file}:${c.line} imports ${c.specifier} (${c.rule})`)).toEqual([]);
  });

  it('the baseline lists no crossing that is gone (it only shrinks)', () => {
    const present = new Set(crossings.map(crossingKey));
    expect([...known].filter((key) => !present.has(key))).toEqual([]);
  });

  it('every module named in the order is named once', () => {
    const names = MODULE_LAYERS.flat();
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the wall check itself, on a planted tree', () => {
  const root = mkdtempSync(join(tmpdir(), 'workgate-walls-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const layers = [['accounts'], ['auth'], ['jobs']];
  plant('server/modules/accounts/index.ts', "export { findUser } from './accounts.queries.js';\n");
  plant('server/modules/accounts/accounts.queries.ts', 'export const findUser = 1;\n');
  plant('server/modules/auth/index.ts', "export {};\n");
  plant(
    'server/modules/auth/login.ts',
    [
      "import { findUser } from '../accounts/index.js';",
      "import { findUser as again } from '../accounts/accounts.queries.js';",
      "import { later } from '../jobs/index.js';",
      "import { x } from '../billing/index.js';",
      "const lazy = await import('../jobs/jobs.service.js');",
    ].join('\n'),
  );
  plant('server/platform/db.ts', "import type { User } from '../modules/accounts/index.js';\n");
  plant('server/app.ts', "import { login } from './modules/auth/index.js';\nimport { q } from './modules/auth/login.js';\n");
  plant('web/page.tsx', "import { User } from '../shared/contracts.js';\nimport { db } from '../server/platform/db.js';\n");
  plant('server/modules/jobs/index.ts', "import { login } from '../auth/index.js';\n");

  it('finds each planted crossing, naming file and line, and nothing else', () => {
    const found = findCrossings(root, layers).map((c) => `${c.file}:${c.line} ${c.rule}`);
    expect(found.sort()).toEqual(
      [
        'server/app.ts:2 not_through_index',
        'server/modules/auth/login.ts:2 not_through_index',
        'server/modules/auth/login.ts:3 against_module_order',
        'server/modules/auth/login.ts:4 unknown_module',
        'server/modules/auth/login.ts:5 against_module_order',
        'server/platform/db.ts:1 lower_layer_imports_module',
        'web/page.tsx:2 web_imports_server',
      ].sort(),
    );
  });
});
