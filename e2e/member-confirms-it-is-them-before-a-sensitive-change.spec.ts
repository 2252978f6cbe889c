/**
 * Step-up ("sudo mode"): sensitive changes need an authentication younger than
 * 10 minutes; otherwise the API answers 403 reauthentication_required and the web app asks
 * "Confirm it's you", then finishes the action by itself. The server's clock cannot be moved
 * from a browser, so the first answers of the sensitive call are replaced with that 403
 * (page.route); the reauthentication and the retried call are real.
 */
import type { Page, Route } from '@playwright/test';
import { createVerifiedUser, enableTotp, NEW_PASSWORD, nextTotpCode, signInContext } from './support/api';
import { expect, test } from './support/fixtures';

const STEP_UP_PROBLEM = {
  type: 'https://workgate.example/problems/reauthentication_required',
  title: 'Confirm it is you to continue.',
  status: 403,
  code: 'reauthentication_required',
};

/** Answers the first `times` calls to `path` as a server whose step-up window has passed. */
async function requireStepUp(page: Page, path: string, times: number): Promise<{ calls: () => number }> {
  let calls = 0;
  await page.route(`**/api/v1${path}`, async (route: Route) => {
    calls += 1;
    if (calls <= times) {
      await route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify(STEP_UP_PROBLEM) });
    } else {
      await route.fallback();
    }
  });
  return { calls: () => calls };
}

test('a member confirms with the password and the other devices are then signed out', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  const otherDevice = await openContext();
  await signInContext(otherDevice, user);
  const revokeAll = await requireStepUp(page, '/account/sessions/revoke-all', 2);

  await page.goto('/settings/security');
  const sessions = page.getByRole('region', { name: 'Where you are signed in' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  const signOutOthers = sessions.getByRole('button', { name: 'Sign out of all other devices' });

  // Asked, and cancelled with Escape: nothing happens, the page says why, focus comes back.
  await signOutOthers.click();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(sessions.getByText('For your security, confirm it is you to continue.')).toBeVisible();
  await expect(signOutOthers).toBeFocused();
  expect((await otherDevice.request.get('/api/v1/auth/session')).status()).toBe(200);

  // Asked again; focus stays inside the dialog.
  await signOutOthers.click();
  await expect(dialog).toBeVisible();
  const password = dialog.getByLabel('Password', { exact: true });
  await expect(password).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();

  // A wrong password is named, and the dialog stays.
  await password.fill('not my password at all');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText('That password is not right.').first()).toBeVisible();
  await expect(password).toHaveAttribute('aria-invalid', 'true');

  // The right one: the dialog closes and the refused action is sent again, this time for real.
  const reauthenticated = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/reauthenticate') && response.status() === 204);
  await password.fill(user.password);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await reauthenticated;
  await expect(dialog).toBeHidden();
  await expect(sessions.getByText('Every other device is signed out.')).toBeVisible();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  expect(revokeAll.calls()).toBe(3);
  expect((await otherDevice.request.get('/api/v1/auth/session')).status()).toBe(401);
});

test('a member with an authenticator app confirms with a code and the password change goes through', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  const { secret } = await enableTotp(context.request);
  await requireStepUp(page, '/account/password', 1);

  await page.goto('/settings/security');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();

  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Use your authenticator app instead' }).click();
  const code = dialog.getByLabel('Code from your authenticator app');
  await expect(code).toBeFocused();
  await code.fill(await nextTotpCode(secret));
  await dialog.getByRole('button', { name: 'Confirm' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText('Your password is changed. Every other device signed in to your account was logged out.')).toBeVisible();
  // The new password is the one that works now.
  expect((await context.request.post('/api/v1/auth/reauthenticate', { data: { password: NEW_PASSWORD }, headers: { origin: new URL(page.url()).origin } })).status()).toBe(204);
});
