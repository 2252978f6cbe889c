/** Steps through the pages as a person does, by the accessible names a person hears. */
import { expect, type Page } from '@playwright/test';
import type { TestUser } from './api';

/** The sign-up form's second step (after the role), filled in and sent. */
export async function submitSignupForm(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Full name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  // The live meter, from the same policy the server applies, accepts it before sending.
  const strength = page.getByText(/^Strength:/);
  await expect(strength).toBeVisible();
  await expect(strength).not.toContainText('not accepted');
  await page.getByLabel('I accept the Workgate terms of service').check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fills the login form on the current page and sends it. */
export async function submitLoginForm(page: Page, credentials: { email: string; password: string }, options: { rememberMe?: boolean } = {}): Promise<void> {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  if (options.rememberMe) await page.getByLabel('Remember me').check();
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The login page's heading: what a signed-out person lands on. */
export function loginHeading(page: Page) {
  return page.getByRole('heading', { name: 'Log in to Workgate' });
}

/** The header's menu button of the signed-in person. */
export function accountMenu(page: Page, user: Pick<TestUser, 'name'>) {
  return page.getByRole('button', { name: `Account menu for ${user.name}` });
}

/** The onboarding page greets `user`, signed in. */
export async function expectSignedInOnboarding(page: Page, user: Pick<TestUser, 'name'>): Promise<void> {
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${user.name}` })).toBeVisible();
  await expect(accountMenu(page, user)).toBeVisible();
}

/** Nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page ${page.url()} is ${scrollWidth}px wide in a ${width}px viewport`).toBeLessThanOrEqual(width);
}
