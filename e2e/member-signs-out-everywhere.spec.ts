/**
 * Signing out ends the session for real and leaves nothing private behind: "Sign out
 * everywhere" ends this device's and every other device's session, the header's "Log out"
 * ends this one, and in both cases the Back button shows no private content, not even for a
 * moment: "after it the back button shows nothing private"; OWASP Session
 * Management Cheat Sheet, "Logout").
 */
import type { Page } from '@playwright/test';
import { createVerifiedUser, signInContext, type TestUser } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading } from './support/ui';

/**
 * Records, in every document the page loads from now on, whether private text ever
 * appeared: a flash for a few milliseconds counts.
 */
async function watchForPrivateText(page: Page, secrets: string[]): Promise<void> {
  const install = (words: string[]) => {
    const state = window as unknown as { sawPrivate?: string };
    const check = () => {
      const text = document.documentElement.innerText ?? '';
      const seen = words.find((word) => text.includes(word));
      if (seen) state.sawPrivate ??= seen;
    };
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    check();
  };
  await page.addInitScript(install, secrets);
  await page.evaluate(install, secrets);
}

async function sawPrivate(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { sawPrivate?: string }).sawPrivate);
}

/** After Back: the login page, and nothing of the account. */
async function expectNothingPrivateAfterBack(page: Page, user: TestUser): Promise<void> {
  await page.goBack();
  await expect(loginHeading(page)).toBeVisible();
  await expect(page.getByText(user.name)).toHaveCount(0);
  await expect(page.getByText(user.email)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Where you are signed in' })).toHaveCount(0);
  expect(await sawPrivate(page), 'private text shown after Back').toBeUndefined();
}

test('a member signs out everywhere: both devices are logged out and Back shows nothing private', async ({
  page,
  context,
  request,
  openContext,
}) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  const contextB = await openContext();
  await signInContext(contextB, user);
  const deviceB = await contextB.newPage();
  await deviceB.goto('/onboarding');
  await expect(deviceB.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();

  await page.goto('/onboarding');
  await expect(page.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
  await page.getByRole('link', { name: 'security settings' }).click();
  await expect(page.getByRole('region', { name: 'Where you are signed in' }).getByRole('listitem')).toHaveCount(2);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await expect(page.getByText('You are logged out on every device, this one included.')).toBeVisible();
  expect((await context.request.get('/api/v1/auth/session')).status()).toBe(401);

  // Device B is logged out too: its next page load asks it to log in.
  expect((await contextB.request.get('/api/v1/auth/session')).status()).toBe(401);
  await deviceB.reload();
  await expect(loginHeading(deviceB)).toBeVisible();
  await expect(deviceB.getByText(user.name)).toHaveCount(0);

  await watchForPrivateText(page, [user.name, user.email, 'Where you are signed in']);
  await expectNothingPrivateAfterBack(page, user);
});

test('a member logs out from the header menu and Back shows nothing private', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);

  // Two full page loads, so Back crosses documents as well as routes.
  await page.goto('/onboarding');
  await expect(page.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
  await page.goto('/settings/security');
  await expect(page.getByText(`Signed in as ${user.email}.`)).toBeVisible();

  await accountMenu(page, user).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await expect(page.getByText('You are logged out.')).toBeVisible();
  expect((await context.request.get('/api/v1/auth/session')).status()).toBe(401);

  await watchForPrivateText(page, [user.name, user.email]);
  await expectNothingPrivateAfterBack(page, user);
});
