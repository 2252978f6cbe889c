/**
 * At phone width (375 × 812, touch) a person signs up, confirms the address, logs out from
 * the header menu and logs in again; no page scrolls sideways (WCAG 2.2 SC 1.4.10 Reflow).
 */
import type { Page } from '@playwright/test';
import { createVerifiedUser, linkFrom, mailTo, newUserDetails, signInContext, type TestUser } from './support/api';
import { expect, test } from './support/fixtures';
import {
  accountMenu,
  expectNoHorizontalOverflow,
  expectSignedInOnboarding,
  loginHeading,
  submitLoginForm,
  submitSignupForm,
} from './support/ui';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

/** Opens the header menu and logs out with a tap; the menu fits the screen. */
async function logOutFromHeaderMenu(page: Page, user: TestUser): Promise<void> {
  await accountMenu(page, user).tap();
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(logOut).toBeVisible();
  const box = (await logOut.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await expectNoHorizontalOverflow(page);
  await logOut.tap();
  await expect(loginHeading(page)).toBeVisible();
  await expectNoHorizontalOverflow(page);
}

test('a person on a phone signs up, confirms the address and logs out from the header menu', async ({ page, request }) => {
  const user = newUserDetails({ role: 'client', tag: 'phone', name: 'Maximiliana Featherstonehaugh-Montgomery' });

  await page.goto('/');
  await expectNoHorizontalOverflow(page);
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign up' }).tap();
  await expect(page.getByRole('heading', { name: 'Join Workgate' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByRole('link', { name: 'I want to hire for a project' }).tap();
  await expect(page.getByRole('heading', { name: 'Sign up to hire' })).toBeVisible();
  await submitSignupForm(page, user);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await page.goto(linkFrom(await mailTo(request, user.email, { subject: 'Confirm your email' }), '/verify-email'));
  await expectSignedInOnboarding(page, user);
  await expect(page.getByText('Here is what comes next for clients on Workgate.')).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await logOutFromHeaderMenu(page, user);
});

test('a member on a phone logs in, sees the security settings and logs out', async ({ page, request, openContext }) => {
  const user = await createVerifiedUser(request, { tag: 'phone-login-with-a-rather-long-address' });
  // A second device, so the sessions list has a row with a "Sign out" button.
  await signInContext(await openContext(), user);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' }).tap();
  await expect(loginHeading(page)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await submitLoginForm(page, user);
  await expectSignedInOnboarding(page, user);
  await expectNoHorizontalOverflow(page);

  await page.getByRole('link', { name: 'security settings' }).tap();
  await expect(page.getByRole('heading', { name: 'Security settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Where you are signed in' }).getByRole('listitem')).toHaveCount(2);
  await expectNoHorizontalOverflow(page);

  await logOutFromHeaderMenu(page, user);
});
