/**
 * A member adds an authenticator app in the security settings: "enrolment shows a
 * QR code and the secret in text, is confirmed by a first code"), saves the ten recovery
 * codes shown once, and from then on logs in with password and a code from the app. The test
 * computes codes from the secret the page shows, as the app would (RFC 6238). The second
 * step survives a reload, and a wrong code is named as such.
 */
import { readFile } from 'node:fs/promises';
import { createVerifiedUser, nextTotpCode, signInContext, totpCode } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading, submitLoginForm } from './support/ui';

test('a member turns on an authenticator app and then logs in with a code from it', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  await page.goto('/settings/security');

  const twoStep = page.getByRole('region', { name: 'Two-step verification' });
  await expect(twoStep.getByText('Two-step verification is off.')).toBeVisible();
  await twoStep.getByRole('button', { name: 'Add an authenticator app' }).click();

  // The QR code has words for people who cannot see it, and the key is there as text, grouped.
  const enrolment = page.getByRole('region', { name: 'Add an authenticator app' });
  await expect(enrolment.getByRole('img', { name: /QR code that adds Workgate to your authenticator app/ })).toBeVisible();
  const shownKey = (await enrolment.locator('code').textContent()) ?? '';
  expect(shownKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = shownKey.replace(/\s/g, '');

  const codeField = enrolment.getByLabel('Code from the app');
  await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await codeField.fill(totpCode(secret));
  await enrolment.getByRole('button', { name: 'Turn on' }).click();

  // Ten recovery codes, shown once, with a download made in the browser (no server round trip).
  const saved = page.getByRole('region', { name: 'Save your recovery codes' });
  const codes = saved.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), saved.getByRole('button', { name: 'Download as text' }).click()]);
  expect(download.suggestedFilename()).toBe('workgate-recovery-codes.txt');
  const file = await readFile(await download.path(), 'utf8');
  for (const code of recoveryCodes) expect(file).toContain(code);
  await saved.getByRole('button', { name: 'I have saved these codes' }).click();

  await expect(saved).toHaveCount(0);
  await expect(twoStep.getByText('Two-step verification is on.').first()).toBeVisible();
  await expect(twoStep.getByRole('heading', { name: /Authenticator app\s*On/ })).toBeVisible();
  await expect(twoStep.getByRole('heading', { name: /Recovery codes\s*10 left/ })).toBeVisible();

  // Log out, then log in again: the password alone is not enough any more.
  await accountMenu(page, user).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await page.goto('/settings/security');
  await expect(loginHeading(page)).toBeVisible();
  await submitLoginForm(page, user);

  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-step\?next=%2Fsettings%2Fsecurity$/);
  // The challenge is a secret: it is kept in this tab's storage, never in the address.
  expect(page.url()).not.toMatch(/challenge/);

  // A reload keeps the step.
  await page.reload();
  const appCode = page.getByLabel('Code from your authenticator app');
  await expect(appCode).toBeVisible();
  await expect(appCode).toHaveAttribute('autocomplete', 'one-time-code');

  const right = await nextTotpCode(secret);
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
  await appCode.fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('[aria-live="assertive"]').getByText('That code is not right. Check it and try again.')).toBeVisible();
  await expect(appCode).toHaveAttribute('aria-invalid', 'true');
  await expect(appCode).toBeFocused();

  await appCode.fill(right);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByText(`Signed in as ${user.email}.`)).toBeVisible();
  await expect(accountMenu(page, user)).toBeVisible();
  // The step is over: its challenge is gone from the tab.
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('a second step that has expired goes back to the login page with a message', async ({ page }) => {
  const expired = 'That sign-in was stopped because it took longer than 10 minutes or had too many wrong codes. Log in again.';
  await page.goto('/login');

  // Expired in the browser's own clock: the page does not even ask.
  await page.evaluate(() =>
    sessionStorage.setItem(
      'workgate.pendingLogin',
      JSON.stringify({ challenge: 'x'.repeat(43), methods: ['totp', 'recovery_code'], expiresAt: new Date(Date.now() - 1000).toISOString() }),
    ),
  );
  await page.goto('/login/two-step?next=%2Fsettings%2Fsecurity');
  await expect(loginHeading(page)).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fsecurity$/);
  await expect(page.getByText(expired)).toBeVisible();

  // Ended on the server (expired, or too many wrong codes): the answer sends the person back too.
  await page.evaluate(() =>
    sessionStorage.setItem(
      'workgate.pendingLogin',
      JSON.stringify({ challenge: 'y'.repeat(43), methods: ['totp'], expiresAt: new Date(Date.now() + 60_000).toISOString() }),
    ),
  );
  await page.goto('/login/two-step');
  await page.getByLabel('Code from your authenticator app').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(loginHeading(page)).toBeVisible();
  await expect(page.getByText(expired)).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('workgate.pendingLogin'))).toBeNull();
});
