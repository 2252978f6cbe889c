// Runs the Playwright specs in Debian's Chromium. Without a Chromium binary the specs cannot
// run: outside CI that is said plainly (with the way to run them) and the run passes; in CI
// (CI=true) it is a failure, never a silent skip.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = [
    '',
    `Browser specs (e2e/) were NOT run: no Chromium at ${chromium}.`,
    'To run them: apt-get install chromium   (or set CHROMIUM_PATH), then: npm run test:e2e',
    '',
  ].join('\n');
  if (process.env.CI === 'true') {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
