/**
 * `npm run screenshots`: captures every page of the web app at desktop (1280×800) and phone
 * (375×812) width into docs/screenshots/, against a throw-away server, in Debian's Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, startServer } from '../tests/helpers/server-process.js';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const PASSWORD = 'screenshot lantern meadow 51';
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'workgate-shots-'));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = await startServer({ NODE_ENV: 'development', DATA_DIR: dataDir, PUBLIC_URL: origin }, { port });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync(OUT, { recursive: true });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers }, body: JSON.stringify(body) });
    const outbox = async () => ((await (await fetch(`${origin}/dev/mail.json`)).json()) as { mail: { to: string; text: string }[] }).mail;
    const link = async (email: string, path: string) =>
      new RegExp(`${path}\\?token=[\\w-]+`).exec((await outbox()).find((m) => m.to === email)!.text)![0];

    const email = 'amina.okafor@example.com';
    await post('/api/v1/auth/signup', { email, password: PASSWORD, name: 'Amina Okafor', role: 'freelancer' });
    await new Promise((r) => setTimeout(r, 300));
    await post('/api/v1/auth/email/verify', { token: (await link(email, '/verify-email')).split('=')[1] });
    // A second device, so the sessions list has more than one entry.
    await post('/api/v1/auth/login', { email, password: PASSWORD }, { 'user-agent': SAFARI_IPHONE });
    await post('/api/v1/auth/password/forgot', { email });
    await new Promise((r) => setTimeout(r, 300));
    const resetLink = await link(email, '/reset-password');

    for (const [kind, viewport] of Object.entries(VIEWPORTS)) {
      const shot = async (name: string, page: Page) => {
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${OUT}${name}-${kind}.png`, fullPage: true });
      };
      const open = async (browserInstance: Browser) => {
        const context = await browserInstance.newContext({ viewport, userAgent: CHROME_MAC, baseURL: origin });
        return { context, page: await context.newPage() };
      };
      const anonymous = await open(browser);
      const { page } = anonymous;
      await page.goto('/');
      await shot('landing', page);
      await page.goto('/signup');
      await shot('signup-role', page);
      await page.goto('/signup?role=freelancer');
      await page.getByLabel('Password', { exact: true }).fill('sunny');
      await shot('signup-form', page);
      await page.goto('/login');
      await shot('login', page);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('The email or password is incorrect', { exact: false }).first().waitFor();
      await shot('login-error', page);
      await page.goto('/forgot-password');
      await shot('forgot-password', page);
      await page.goto(resetLink);
      await shot('reset-password', page);
      await page.goto('/verify-email?token=expired-or-unknown-link-aaaaaaaaaaaaaaaaaaaa');
      await shot('verify-email-invalid', page);
      await page.goto('/dev/mail');
      await shot('dev-mail', page);
      await anonymous.context.close();

      const signedIn = await open(browser);
      await signedIn.page.goto('/login');
      await signedIn.page.getByLabel('Email').fill(email);
      await signedIn.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await signedIn.page.getByRole('button', { name: 'Log in' }).click();
      await signedIn.page.waitForURL('**/onboarding');
      await shot('onboarding', signedIn.page);
      await signedIn.page.goto('/settings/security');
      await signedIn.page.getByText('This device').first().waitFor();
      await shot('security-settings', signedIn.page);
      await signedIn.context.close();
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
