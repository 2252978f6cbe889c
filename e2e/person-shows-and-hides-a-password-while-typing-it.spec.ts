/**
 * Password fields hide what is typed (someone may be looking at the screen) and let the person
 * show it to check for typos, which long passphrases need (ASVS 5.0 6.2.8: the user can choose
 * to view the whole password; NIST SP 800-63B §3.1.1.2: offer the option to display it). On the login page, at sign-up and in the security
 * settings, each password field starts hidden, the toggle shows and hides it without sending
 * the form, keeps what was typed and the autocomplete hint password managers use, and says
 * its state (aria-pressed). At sign-up, a password known from a breach is refused by the server
 * and the page says why under the field.
 */
import type { Locator, Page } from '@playwright/test';
import { createVerifiedUser, signInContext } from './support/api';
import { expect, test } from './support/fixtures';

const TYPED = 'plum lantern Osaka violin 48';

/** The Show/Hide button beside a password field. */
function toggleOf(field: Locator) {
  return field.locator('xpath=following-sibling::button');
}

async function expectToggles(page: Page, label: string, autocomplete: 'current-password' | 'new-password') {
  const field = page.getByLabel(label, { exact: true });
  const toggle = toggleOf(field);
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('autocomplete', autocomplete);
  await field.fill(TYPED);
  await expect(toggle).toHaveAccessibleName('Show password');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toHaveAttribute('type', 'button');

  await toggle.click();
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveValue(TYPED);
  await expect(field).toHaveAttribute('autocomplete', autocomplete);
  await expect(toggle).toHaveAccessibleName('Hide password');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  await toggle.click();
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveValue(TYPED);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
}

test('password fields start hidden and can be shown and hidden again, on login, sign-up and settings', async ({ page, context, request }) => {
  await page.goto('/login');
  await expectToggles(page, 'Password', 'current-password');
  // Showing the password sent nothing.
  await expect(page).toHaveURL(/\/login$/);

  await page.goto('/signup?role=client');
  await expectToggles(page, 'Password', 'new-password');

  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  await page.goto('/settings/security');
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await expectToggles(page, 'Current password', 'current-password');
  await expectToggles(page, 'New password', 'new-password');
});

test('a person signing up with a password known from a breach is told so under the field', async ({ page }) => {
  await page.goto('/signup?role=freelancer');
  await page.getByLabel('Full name').fill('Robin Breach');
  await page.getByLabel('Email').fill(`breached-${Date.now()}@example.com`);
  // Strong to zxcvbn (the live meter accepts it), but in the server's breach list.
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('perasperaadastra');
  await expect(page.getByText(/^Strength:/)).not.toContainText('not accepted');
  await page.getByLabel('I accept the Workgate terms of service').check();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByText('This password has appeared in a data breach, so attackers try it first. Choose another.')).toBeVisible();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeHidden();
});
