/**
 * A member mistypes the password: the login page says the email or password is wrong
 * (never which one: OWASP Authentication Cheat Sheet, "Authentication and Error Messages"),
 * announces it, and keeps the person there; the right password then signs them in.
 */
import { createVerifiedUser } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, loginHeading, submitLoginForm } from './support/ui';

test('a member who types a wrong password is told so, then signs in with the right one', async ({ page, request }) => {
  const user = await createVerifiedUser(request);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' }).click();
  await expect(loginHeading(page)).toBeVisible();
  // Password managers fill these; "webauthn" also offers passkeys in the email field's autofill.
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username webauthn');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');

  await submitLoginForm(page, { email: user.email, password: 'not my password at all' });
  const alert = page.locator('[aria-live="assertive"]').filter({ hasText: 'The email or password is incorrect' });
  await expect(alert).toBeVisible();
  await expect(loginHeading(page)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectSignedInOnboarding(page, user);
  await expect(page.getByText('The email or password is incorrect')).toHaveCount(0);
});
