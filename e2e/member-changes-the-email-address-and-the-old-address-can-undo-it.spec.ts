/**
 * Email change: the new address is confirmed by a link sent to it before it
 * replaces the old one; the old address is told, with an undo link (valid 7 days) that
 * restores it, signs out every device and mails a password reset link. Mail links act only
 * when their button is pressed, so a mail scanner opening them changes nothing.
 */
import { createVerifiedUser, linkFrom, mailTo, signInContext, uniqueEmail } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, loginHeading, submitLoginForm } from './support/ui';

test('a member changes the email address, and the old address undoes the change', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  const newEmail = uniqueEmail('moved');
  await signInContext(context, user);
  await page.goto('/settings/security');

  const section = page.getByRole('region', { name: 'Email address' });
  await section.getByLabel('New email address').fill(newEmail);
  await section.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(section.getByText(`We sent a confirmation link to ${newEmail}.`, { exact: false })).toBeVisible();
  // Nothing changes until the link is used.
  await expect(page.getByText(`Signed in as ${user.email}.`)).toBeVisible();

  const confirmLink = linkFrom(await mailTo(request, newEmail, { subject: 'Confirm your new email address' }), '/confirm-email-change');
  await page.goto(confirmLink);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your new email address' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm new email address' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your email address is changed' })).toBeVisible();
  await expect(page).toHaveURL(/\/confirm-email-change$/);
  await page.getByRole('main').getByRole('link', { name: 'Security settings' }).first().click();
  await expect(page.getByText(`Signed in as ${newEmail}.`)).toBeVisible();

  // The old address hears of it and undoes it.
  const told = await mailTo(request, user.email, { subject: 'The email address of your Workgate account was changed' });
  await page.goto(linkFrom(told, '/undo-email-change'));
  await page.getByRole('button', { name: 'Undo the change' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your email address is restored' })).toBeVisible();

  // Every session ended, this one too; the old address signs in again and gets a reset link.
  await page.goto('/settings/security');
  await expect(loginHeading(page)).toBeVisible();
  await mailTo(request, user.email, { subject: 'Reset' });
  await submitLoginForm(page, user);
  // The undo forgot every device, so this browser is new to the account again: a code is mailed.
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const codeMail = await mailTo(request, user.email, { subject: 'security code' });
  await page.getByLabel('Code from the email').fill(/\b(\d{6})\b/.exec(codeMail.text)![1]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByText(`Signed in as ${user.email}.`)).toBeVisible();
  await page.goto('/onboarding');
  await expectSignedInOnboarding(page, user);
});
