/**
 * Secrets made with a predictable generator can be predicted. ASVS 5.0 11.5.1 (random values
 * meant to be unguessable come from a cryptographically secure generator) and 6.5.x (one-time
 * codes, recovery codes, tokens); NIST SP 800-63B §3.1 (secrets from an approved random bit
 * generator). Math.random is not one, so no server code may call it: tokens, codes and ids come
 * from node:crypto. There is no linter yet; this scan stands in for its rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SERVER = join(ROOT, 'src', 'server');
/** `Math.random`, also as `Math['random']` or with spaces around the dot. */
const MATH_RANDOM = /\bMath\s*(\.\s*random\b|\[\s*['"`]random['"`]\s*\])/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|js|mjs|cjs)$/.test(name))
    .map((name) => join(folder, name));
}

describe('server code', () => {
  it('never calls Math.random', () => {
    const files = sourceFiles(SERVER);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (MATH_RANDOM.test(line) ? [`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan finds every spelling it looks for', () => {
    for (const line of ['Math.random()', 'Math . random()', "Math['random']()", 'const n = Math.random'])
      expect(MATH_RANDOM.test(line), line).toBe(true);
    for (const line of ['randomBytes(32)', 'crypto.randomInt(10)', 'MathRandom()']) expect(MATH_RANDOM.test(line), line).toBe(false);
  });
});
