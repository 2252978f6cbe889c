/**
 * Lockout that protects the user: after 5 wrong passwords from an unknown device,
 * password sign-in from unknown devices pauses for 30 minutes; the login page says until
 * when, and offers a password reset and support. The owner gets a mail with a single-use
 * unlock link; after it, the right password works again, and the link does not work twice.
 * The owner's security activity lists what happened.
 */
import { createVerifiedUser, linkFrom, mailTo } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, loginHeading, submitLoginForm } from './support/ui';

test('after five wrong passwords sign-in pauses with a clear message, and the mailed link unlocks it', async ({ page, request }) => {
  const user = await createVerifiedUser(request);
  // The login form's alerts (the provider buttons below it have their own, empty here).
  const alert = page.locator('[aria-live="assertive"]');

  // This browser has never signed in to the account: an unknown device.
  await page.goto('/login');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await submitLoginForm(page, { email: user.email, password: `wrong password number ${attempt}` });
    await expect(alert.getByText('The email or password is incorrect. Check both and try again.')).toBeVisible();
  }

  // Now even the right password is refused, with the end of the pause in local time.
  await submitLoginForm(page, user);
  await expect(alert.getByText(/^Sign-in from new devices is paused for this account after several wrong passwords until .+\d/)).toBeVisible();
  await expect(alert.filter({ hasText: 'Sign-in from new devices is paused' })).not.toContainText('T00:');
  await expect(page.getByRole('link', { name: 'Reset your password' })).toHaveAttribute('href', '/forgot-password');
  await expect(page.getByRole('link', { name: 'Contact support' })).toHaveAttribute('href', '/support');
  expect((await page.context().request.get('/api/v1/auth/session')).status()).toBe(401);

  // The owner's mail: when and where, and a single-use unlock link.
  const mail = await mailTo(request, user.email, { subject: 'Sign-in to your Workgate account was paused' });
  const unlockLink = linkFrom(mail, '/unlock');
  await page.goto(unlockLink);
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Unlock sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in is unlocked' })).toBeVisible();
  // The token leaves the address bar and the history entry.
  await expect(page).toHaveURL(/\/unlock$/);

  await page.getByRole('main').getByRole('link', { name: 'Log in' }).first().click();
  await expect(loginHeading(page)).toBeVisible();
  await submitLoginForm(page, user);
  await expectSignedInOnboarding(page, user);

  // The owner can see what happened.
  await page.goto('/settings/security');
  await page.getByRole('link', { name: 'See your security activity' }).click();
  const events = page.getByRole('list', { name: 'Security events' });
  await expect(events.getByText('Sign-in unlocked')).toBeVisible();
  await expect(events.getByText('Sign-in from new devices paused after wrong passwords')).toBeVisible();
  await expect(events.getByText('Failed login: wrong password')).toHaveCount(5);

  // The link worked once.
  await page.goto(unlockLink);
  await page.getByRole('button', { name: 'Unlock sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
});
