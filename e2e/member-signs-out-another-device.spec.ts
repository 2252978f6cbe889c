/**
 * A member signed in on two devices sees both in the security settings, this one marked,
 * and signs the other out from here; the other device's next step lands on the login page,
 * and logging in there again brings it back to where it was: "Account security
 * settings"; OWASP Session Management Cheat Sheet: let users see and end their sessions).
 */
import { createVerifiedUser, signInContext } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, expectSignedInOnboarding, loginHeading, submitLoginForm } from './support/ui';

/** Device B says it is Chrome on a Mac, so the two sessions differ in the list. */
const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

test('a member sees both signed-in devices and signs the other one out', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);

  // Device B logs in as a person does.
  const deviceB = await (await openContext({ userAgent: MAC_CHROME })).newPage();
  await deviceB.goto('/login');
  await submitLoginForm(deviceB, user);
  await expectSignedInOnboarding(deviceB, user);

  // Device A: two sessions, only its own marked "This device".
  await page.goto('/settings/security');
  const sessions = page.getByRole('region', { name: 'Where you are signed in' }).getByRole('list').getByRole('listitem');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
  await expect(sessions.filter({ hasText: 'This device' })).toContainText('on Linux');
  const other = sessions.filter({ hasText: 'Chrome on macOS' });
  await expect(other).not.toContainText('This device');
  await expect(other).toContainText('IP address');
  // There is no button to sign this device out from its own row.
  await expect(sessions.filter({ hasText: 'This device' }).getByRole('button')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out Chrome on macOS' }).click();
  await expect(page.getByText('Chrome on macOS is signed out.')).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expect(page.getByText('No other device is signed in to your account.')).toBeVisible();

  // Device B's next click (to its security settings) finds the session ended.
  await accountMenu(deviceB, user).click();
  await deviceB.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security settings', exact: true }).click();
  await expect(loginHeading(deviceB)).toBeVisible();
  await expect(deviceB).toHaveURL(/\/login\?next=%2Fsettings%2Fsecurity$/);
  await expect(deviceB.getByText('Your session has ended. Log in again to continue where you were.')).toBeVisible();
  await expect(deviceB.getByText(user.email)).toHaveCount(0);

  // Logging in again continues where B was.
  await submitLoginForm(deviceB, user);
  await expect(deviceB).toHaveURL(/\/settings\/security$/);
  await expect(deviceB.getByRole('heading', { name: 'Security settings' })).toBeVisible();

  // Device A is still signed in.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Security settings' })).toBeVisible();
});
