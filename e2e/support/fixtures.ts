/**
 * The `test` every spec uses. It watches each browser context's console for
 * Content-Security-Policy violations (the app promises none: no inline script or style)
 * and fails the test on any. Other console errors are expected: a signed-out page's
 * session check answers 401, a wrong password 401, and Chromium logs those.
 * `openContext` gives a second (or third) browser, watched the same way and closed after.
 */
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type ConsoleMessage } from '@playwright/test';

const CSP_VIOLATION = /Content Security Policy|Content-Security-Policy/i;

function watchCSP(context: BrowserContext, violations: string[]): void {
  context.on('console', (message: ConsoleMessage) => {
    if (CSP_VIOLATION.test(message.text())) violations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
  });
}

interface Fixtures {
  /** Opens another browser context (another device), closed when the test ends. */
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  cspViolations: string[];
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring, and this one has none.
  cspViolations: async ({}, use) => {
    const violations: string[] = [];
    await use(violations);
    expect(violations, 'Content-Security-Policy violations in the console').toEqual([]);
  },
  context: async ({ context, cspViolations }, use) => {
    watchCSP(context, cspViolations);
    await use(context);
  },
  openContext: async ({ browser, cspViolations }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, ...options });
      watchCSP(context, cspViolations);
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect };
