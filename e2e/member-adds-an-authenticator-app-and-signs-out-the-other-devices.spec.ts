/**
 * After a change of sign-in factors the app offers to sign out the other devices (ASVS 5.0
 * 7.4.3): a member signed in on two devices adds an authenticator app on one; once the recovery
 * codes are saved (the offer does not stand in their way), "Sign out your other devices?"
 * signs the other device out, and this one stays signed in. Declining leaves them alone.
 */
import { createVerifiedUser, signInContext, totpCode } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading } from './support/ui';

test('a member adds an authenticator app and accepts the offer to sign out the other device', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  const other = await openContext();
  await signInContext(other, user);
  const otherPage = await other.newPage();
  await otherPage.goto('/settings/security');
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Security settings' })).toBeVisible();

  await page.goto('/settings/security');
  const twoStep = page.getByRole('region', { name: 'Two-step verification' });
  await twoStep.getByRole('button', { name: 'Add an authenticator app' }).click();
  const enrolment = page.getByRole('region', { name: 'Add an authenticator app' });
  const secret = ((await enrolment.locator('code').textContent()) ?? '').replace(/\s/g, '');
  await enrolment.getByLabel('Code from the app').fill(totpCode(secret));
  await enrolment.getByRole('button', { name: 'Turn on' }).click();

  const offer = page.getByRole('region', { name: 'Sign out your other devices?' });
  await expect(offer).toContainText('still signed in on 1 other device');
  // The recovery codes are still there to save, offer or not.
  const saved = page.getByRole('region', { name: 'Save your recovery codes' });
  await saved.getByRole('button', { name: 'I have saved these codes' }).click();

  await offer.getByRole('button', { name: 'Sign out other devices' }).click();
  await expect(page.getByText('Your other devices are signed out.')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(page.getByText('No other device is signed in to your account.')).toBeVisible();

  // The other device's next step finds its session ended; this one is still signed in.
  await accountMenu(otherPage, user).click();
  await otherPage.getByRole('link', { name: 'Security activity', exact: true }).click();
  await expect(loginHeading(otherPage)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Security settings' })).toBeVisible();
});

test('a member who declines the offer keeps the other device signed in', async ({ page, context, request, openContext }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  await signInContext(await openContext(), user);

  await page.goto('/settings/security');
  const twoStep = page.getByRole('region', { name: 'Two-step verification' });
  await twoStep.getByRole('button', { name: 'Turn on email codes' }).click();
  const offer = page.getByRole('region', { name: 'Sign out your other devices?' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await page.getByRole('region', { name: 'Save your recovery codes' }).getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(page.getByRole('region', { name: 'Where you are signed in' }).getByRole('list').getByRole('listitem')).toHaveCount(2);
});
