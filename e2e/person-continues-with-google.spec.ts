/**
 * "Continue with Google" in Chromium, against a stand-in Google: a real OpenID Provider on
 * loopback (scripts/oidc-stand-in.ts, started by playwright.config.ts) whose own sign-in and
 * consent pages the person goes through. The address typed there is the Google account.
 */
import type { Page } from '@playwright/test';
import { createVerifiedUser, uniqueEmail } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading } from './support/ui';

/** The stand-in Google's own pages: its sign-in form, then its consent ("Continue"). */
async function signInAtGoogle(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\//);
  await page.getByPlaceholder('Enter any login').fill(email);
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(loginHeading(page)).toBeVisible();
}

test('a person signs up with Google, chooses to hire, and later logs in with Google again', async ({ page }) => {
  const email = uniqueEmail('grace.hopper');
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await signInAtGoogle(page, email);

  // Back at Workgate: the address is confirmed by Google, only the role and name are asked.
  await expect(page.getByRole('heading', { name: 'Finish signing up' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByText('I want to hire for a project').click();
  await expect(page.getByLabel('Name')).toHaveValue(/Grace Hopper/);
  await page.getByLabel('Name').fill('Grace Hopper');
  await page.getByLabel('I accept the Workgate terms of service').check();
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Grace Hopper' })).toBeVisible();

  await logOut(page);
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  // Google remembers the person; the stand-in may still show its pages once more.
  await page.waitForURL((url) => url.pathname === '/onboarding' || url.hostname === '127.0.0.1');
  if (new URL(page.url()).hostname === '127.0.0.1') await signInAtGoogle(page, email);
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(accountMenu(page, { name: 'Grace Hopper' })).toBeVisible();
});

test('a member with a password connects Google by logging in once, then sees it in the security settings', async ({ page, request }) => {
  const user = await createVerifiedUser(request);
  await page.goto('/login');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await signInAtGoogle(page, user.email);

  // The address belongs to an account: Google is connected only after the owner proves it.
  await expect(page.getByRole('heading', { name: 'Connect Google to your account' })).toBeVisible();
  await page.getByRole('link', { name: 'Log in to connect Google' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);

  await page.goto('/settings/security');
  const connected = page.getByRole('region', { name: 'Connected accounts' });
  await expect(connected.getByRole('list', { name: 'Your connected accounts' }).getByText(user.email)).toBeVisible();
  await expect(connected.getByRole('button', { name: 'Disconnect Google' })).toBeVisible();
});

test('a person who cancels at Google is told so and can log in another way', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await page.getByPlaceholder('Enter any login').fill(uniqueEmail('cancel'));
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('link', { name: /Cancel/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in was cancelled' })).toBeVisible();
  await expect(page.getByText(/^Signing in with Google was cancelled/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Back to log in/ })).toBeVisible();
});
