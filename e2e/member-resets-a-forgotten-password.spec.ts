/**
 * A member who forgot the password asks for a link, chooses a new password from the mail's
 * link, and logs in with it; the old password no longer works, and the link works only once
 * (OWASP Forgot Password Cheat Sheet: single-use, time-limited tokens; same answer whether
 * or not the account exists).
 */
import type { Page } from '@playwright/test';
import { createVerifiedUser, linkFrom, mailTo, NEW_PASSWORD, uniqueEmail } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, loginHeading, submitLoginForm } from './support/ui';

async function askForResetLink(page: Page, email: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(page.getByText(`If an account uses ${email}, we have sent it a link to choose a new password.`)).toBeVisible();
}

test('a member resets a forgotten password from the mailed link; only the new password works after', async ({ page, request }) => {
  const user = await createVerifiedUser(request);
  await askForResetLink(page, user.email);

  const link = linkFrom(await mailTo(request, user.email, { subject: 'Reset your Workgate password' }), '/reset-password');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const newPassword = page.getByLabel('New password');
  await expect(newPassword).toHaveAttribute('autocomplete', 'new-password');
  await newPassword.fill(NEW_PASSWORD);
  await expect(page.getByText(/^Strength:/)).not.toContainText('not accepted');
  await page.getByRole('button', { name: 'Save new password' }).click();

  await expect(loginHeading(page)).toBeVisible();
  await expect(page.getByText('Your password is changed and every device was logged out.', { exact: false })).toBeVisible();

  await submitLoginForm(page, user);
  await expect(page.getByText('The email or password is incorrect')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectSignedInOnboarding(page, user);

  // The link is spent: using it again says so and offers a new one.
  await page.goto(link);
  await page.getByLabel('New password').fill('another quite long passphrase 42');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('heading', { name: 'This reset link has expired' })).toBeVisible();
  await expect(page.getByText('This one is invalid, expired or has already been used.', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ask for a new reset link' })).toHaveAttribute('href', '/forgot-password');
});

test('a visitor asking a reset for an unknown address gets the same answer', async ({ page }) => {
  await askForResetLink(page, uniqueEmail('nobody'));
});
