/**
 * A member without their phone logs in with a recovery code instead of the authenticator
 * app; the code is single-use: "Ten recovery codes, … stored hashed, single use"),
 * so the same code is refused at the next login, and the settings count one code fewer.
 * The authenticator app is set up through the API: only the login is under test.
 */
import { createVerifiedUser, enableTotp, signInContext } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading, submitLoginForm } from './support/ui';

test('a member logs in with a recovery code, and that code does not work a second time', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  const setup = await openContext();
  await signInContext(setup, user);
  const { recoveryCodes } = await enableTotp(setup.request);
  expect(recoveryCodes).toHaveLength(10);
  // Typed the way a person copies it from paper: lower case, spaces instead of dashes.
  const typed = recoveryCodes[3]!.toLowerCase().replace(/-/g, ' ');

  await page.goto('/login');
  await submitLoginForm(page, user);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  const codeField = page.getByLabel('Recovery code');
  await expect(codeField).toBeFocused();
  await codeField.fill(typed);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(accountMenu(page, user)).toBeVisible();

  await page.goto('/settings/security');
  await expect(page.getByRole('region', { name: 'Two-step verification' }).getByRole('heading', { name: /Recovery codes\s*9 left/ })).toBeVisible();

  // Log out and try the same code again.
  await accountMenu(page, user).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await submitLoginForm(page, user);
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[3]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(
    page.locator('[aria-live="assertive"]').getByText('That recovery code is not right, or it was already used.'),
  ).toBeVisible();
  await expect(page.getByLabel('Recovery code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/login\/two-step$/);
  expect((await context.request.get('/api/v1/auth/session')).status()).toBe(401);

  // Another unused code still works.
  await page.getByLabel('Recovery code').fill(recoveryCodes[4]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
});
