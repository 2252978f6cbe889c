/**
 * "Continue with Apple" in Chromium, against a stand-in Apple on loopback: Apple answers with
 * a form POST from its own site (response_mode=form_post), which the browser sends cross-site
 * without Workgate's SameSite=Lax cookies; Workgate parks it and bounces the browser to a GET
 * that carries them. Apple tells the person's name only on this first authorization.
 */
import { uniqueEmail } from './support/api';
import { expect, test } from './support/fixtures';

test('a person signs up with Apple: the form POST comes back across sites and the name Apple gave is kept', async ({ page }) => {
  const email = uniqueEmail('hedy.lamarr');
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Continue with Apple' }).click();

  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\//);
  await page.getByPlaceholder('Enter any login').fill(email);
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Finish signing up' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/provider$/);
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue(/^Hedy Lamarr/);
  await page.getByText('I want to work as a freelancer').click();
  await page.getByLabel('I accept the Workgate terms of service').check();
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, Hedy Lamarr/ })).toBeVisible();
});
