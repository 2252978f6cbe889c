/**
 * "Remember me" decides how long the browser keeps the session cookie. Off: a browser-session
 * cookie (no Expires/Max-Age), gone when the browser closes, so a shared computer forgets the
 * person. On: kept for SESSION_REMEMBER_DAYS (30 by default). Both are HttpOnly, SameSite=Lax.
 */
import { createVerifiedUser, sessionCookieOf } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, submitLoginForm } from './support/ui';

const DAY_SECONDS = 86_400;

test('a member who leaves "Remember me" unticked gets a cookie that ends with the browser', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await page.goto('/login');
  await expect(page.getByLabel('Remember me')).not.toBeChecked();
  await expect(page.getByText("Don't tick this on a shared computer.")).toBeVisible();
  await submitLoginForm(page, user);
  await expectSignedInOnboarding(page, user);

  const cookie = await sessionCookieOf(context);
  expect(cookie, 'session cookie').toBeDefined();
  expect(cookie!.expires).toBe(-1);
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
});

test('a member who ticks "Remember me" stays signed in on this device for 30 days', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await page.goto('/login');
  await submitLoginForm(page, user, { rememberMe: true });
  await expectSignedInOnboarding(page, user);

  const cookie = await sessionCookieOf(context);
  expect(cookie, 'session cookie').toBeDefined();
  const expected = Date.now() / 1000 + 30 * DAY_SECONDS;
  expect(Math.abs(cookie!.expires - expected)).toBeLessThan(DAY_SECONDS);
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
});
