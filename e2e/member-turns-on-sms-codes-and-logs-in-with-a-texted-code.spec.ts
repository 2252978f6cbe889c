/**
 * SMS codes as a second factor: the phone number is verified by a texted code
 * before it can receive sign-in codes; then logging in asks for a code sent by text message
 * ("Text me a code", with a cool-down before another). The settings warn of SIM swaps first
 * (ASVS 5.0 6.6.1). The dev SMS outbox stands in for the phone.
 */
import { codeIn, createVerifiedUser, signInContext, smsTo } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading, submitLoginForm } from './support/ui';

test('a member confirms a phone number, turns on SMS codes and logs in with a texted code', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  // A UK mobile number no other test uses.
  const phone = `+447400${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  await signInContext(context, user);
  await page.goto('/settings/security');

  const twoStep = page.getByRole('region', { name: 'Two-step verification' });
  await twoStep.getByRole('button', { name: 'Add a phone number' }).click();
  const number = twoStep.getByLabel('Mobile phone number');
  await expect(number).toBeFocused();
  await expect(number).toHaveAttribute('autocomplete', 'tel');
  await number.fill(phone);
  await twoStep.getByRole('button', { name: 'Text me a code' }).click();
  await expect(twoStep.getByText(`We texted a code to ${phone}.`, { exact: false })).toBeVisible();
  const confirmation = await smsTo(request, phone);
  await twoStep.getByLabel('Code from the text message').fill(codeIn(confirmation.body));
  await twoStep.getByRole('button', { name: 'Confirm number' }).click();
  await expect(twoStep.getByText(`${phone} is confirmed. You can now turn on SMS codes.`)).toBeVisible();

  // Before turning it on, the person is told what a SIM swap does and what is safer.
  await expect(twoStep.getByText(/someone who takes over your phone number \(a SIM swap\) receives your codes.*authenticator app or a passkey/)).toBeVisible();
  await twoStep.getByRole('button', { name: 'Turn on SMS codes' }).click();
  const saved = page.getByRole('region', { name: 'Save your recovery codes' });
  await expect(saved.getByRole('listitem')).toHaveCount(10);
  await saved.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(twoStep.getByRole('heading', { name: /SMS codes\s*On/ })).toBeVisible();
  await expect(twoStep.getByText(`Codes go to ${phone}.`, { exact: false })).toBeVisible();

  await accountMenu(page, user).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await submitLoginForm(page, user);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  const send = page.getByRole('button', { name: 'Text me a code' });
  await send.click();
  await expect(page.getByText('We sent a code to your phone. It works for 10 minutes.')).toBeVisible();
  // Another code only after the cool-down.
  await expect(page.getByRole('button', { name: 'Text me a new code' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText(/You can ask for another in \d:\d\d/)).toBeVisible();
  const signInCode = await smsTo(request, phone, { after: confirmation });
  const codeField = page.getByLabel('Code from the text message');
  await expect(codeField).toBeFocused();
  await codeField.fill(codeIn(signInCode.body));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(accountMenu(page, user)).toBeVisible();
});
