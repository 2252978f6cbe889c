/**
 * A confirmation link that is invalid, expired or already used says so, in words, and offers
 * a new link; the new link then works: "an expired or used link says so and offers a
 * new one"). Links are single-use (OWASP: tokens are used once).
 */
import type { Page } from '@playwright/test';
import { linkFrom, mailTo, newUserDetails, postJSON, signUpUser, tokenOf, verificationLinkFor } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding } from './support/ui';

async function expectExpiredLinkPage(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await expect(page.getByText('This one is invalid, expired or has already been used.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Your email address')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send a new link' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in' }).last()).toBeVisible();
}

test('a visitor following an invalid confirmation link is told it has expired', async ({ page }) => {
  await page.goto('/verify-email?token=not-a-real-token');
  await expectExpiredLinkPage(page);
  await page.goto('/verify-email');
  await expectExpiredLinkPage(page);
});

test('a member opening an already used confirmation link is told it has expired', async ({ page, request }) => {
  const user = newUserDetails();
  await signUpUser(request, user);
  const link = await verificationLinkFor(request, user);
  await postJSON(request, '/auth/email/verify', { token: tokenOf(link) }, 200);

  await page.goto(link);
  await expectExpiredLinkPage(page);
  // Spending a used link signs nobody in.
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('a new member with a dead link asks for a new one and confirms with it', async ({ page, request }) => {
  const user = newUserDetails({ role: 'client' });
  await signUpUser(request, user);
  const first = await mailTo(request, user.email, { subject: 'Confirm your email' });

  await page.goto('/verify-email?token=expired-or-mistyped');
  await expectExpiredLinkPage(page);
  await page.getByLabel('Your email address').fill(user.email);
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await expect(page.getByText(`We sent a new link to ${user.email}.`, { exact: false })).toBeVisible();
  // A visible cool-down before another can be sent.
  await expect(page.getByRole('button', { name: 'Send a new link' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText(/You can send another one in/)).toBeVisible();

  const second = await mailTo(request, user.email, { subject: 'Confirm your email', after: first });
  await page.goto(linkFrom(second, '/verify-email'));
  await expectSignedInOnboarding(page, user);
  await expect(page.getByText('Here is what comes next for clients on Workgate.')).toBeVisible();
});
