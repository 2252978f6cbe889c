/**
 * A signed-in member changes the password in the security settings. The current password is
 * required (OWASP Authentication Cheat Sheet: "Require re-authentication for sensitive
 * features"), a wrong one is named as such, and a change logs out every other device.
 */
import { createVerifiedUser, NEW_PASSWORD, postJSON, signInContext } from './support/api';
import { expect, test } from './support/fixtures';

test('a member changes the password after first typing a wrong current one', async ({ page, context, request, playwright, baseURL }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  // Another device, signed in through the API.
  const otherDevice = await playwright.request.newContext({ baseURL });
  await postJSON(otherDevice, '/auth/login', { email: user.email, password: user.password }, 200);

  await page.goto('/settings/security');
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  const current = page.getByLabel('Current password');
  const next = page.getByLabel('New password');

  await current.fill('this is not my password');
  await next.fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('[aria-live="assertive"]').getByText('Your current password is not correct.')).toBeVisible();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();

  await current.fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password is changed. Every other device signed in to your account was logged out.')).toBeVisible();
  await expect(current).toHaveValue('');
  await expect(next).toHaveValue('');

  // This browser stays signed in; the other device does not.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Security settings' })).toBeVisible();
  expect((await otherDevice.get('/api/v1/auth/session')).status()).toBe(401);
  await otherDevice.dispose();

  // Only the new password opens the account.
  const fresh = await playwright.request.newContext({ baseURL });
  await postJSON(fresh, '/auth/login', { email: user.email, password: user.password }, 401);
  await postJSON(fresh, '/auth/login', { email: user.email, password: NEW_PASSWORD }, 200);
  await fresh.dispose();
});
