/**
 * New-device alerts: a sign-in from a new device mails the owner, with a "this
 * wasn't me" link that signs out everywhere and starts a password reset. The link acts only
 * when its button is pressed.
 */
import { createVerifiedUser, linkFrom, mailTo, signInContext } from './support/api';
import { expect, test } from './support/fixtures';

test('a member reports a sign-in that was not them and every device is signed out', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  const ownSignIn = await mailTo(request, user.email, { subject: 'New sign-in to your Workgate account' });

  // Someone else, with the password, on another device (another browser: the same browser
  // and address as a known device would count as familiar and raise no alert).
  const intruder = await openContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0' });
  await signInContext(intruder, user);
  const alertMail = await mailTo(request, user.email, { subject: 'New sign-in to your Workgate account', after: ownSignIn });

  await page.goto(linkFrom(alertMail, '/not-me'));
  await expect(page.getByRole('heading', { level: 1, name: 'Secure your account' })).toBeVisible();
  // Opening the link changed nothing yet.
  expect((await intruder.request.get('/api/v1/auth/session')).status()).toBe(200);
  await page.getByRole('button', { name: 'Sign out everywhere and reset my password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account is secured' })).toBeVisible();
  await expect(page).toHaveURL(/\/not-me$/);

  expect((await intruder.request.get('/api/v1/auth/session')).status()).toBe(401);
  expect((await context.request.get('/api/v1/auth/session')).status()).toBe(401);
  await mailTo(request, user.email, { subject: 'Reset your Workgate password' });
});
