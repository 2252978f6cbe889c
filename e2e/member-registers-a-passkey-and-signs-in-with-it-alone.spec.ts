/**
 * Passkeys: a member registers a passkey in the security settings, names it, and
 * then signs in with the passkey alone (discoverable credential, no email typed); the login
 * page's email field also offers passkeys in autofill ("username webauthn"). The passkey is
 * a second factor too: after a password it completes the second step. Removing it ends all
 * of that. Chromium's virtual authenticator (CDP WebAuthn domain) stands in for a phone or
 * laptop with a fingerprint reader.
 */
import type { CDPSession, Page } from '@playwright/test';
import { createVerifiedUser, signInContext } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading, submitLoginForm } from './support/ui';

/** A platform authenticator that keeps discoverable credentials and verifies the user at once. */
async function addVirtualAuthenticator(page: Page): Promise<{ client: CDPSession; authenticatorId: string }> {
  const client = await page.context().newCDPSession(page);
  await client.send('WebAuthn.enable');
  const { authenticatorId } = await client.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { client, authenticatorId };
}

/**
 * The virtual authenticator answers the login page's autofill request at once, which would
 * sign in before anything else can be tried: passkey sign-in options are refused (429, which
 * the page takes as "no autofill") until `allow()` is called.
 */
async function holdPasskeyAutofill(page: Page): Promise<{ refused: () => number; allow: () => void }> {
  let refused = 0;
  let allowed = false;
  await page.route('**/api/v1/auth/passkey/options', async (route) => {
    if (allowed) return route.fallback();
    refused += 1;
    await route.fulfill({
      status: 429,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Too many attempts.', status: 429, code: 'rate_limited' }),
    });
  });
  return { refused: () => refused, allow: () => void (allowed = true) };
}

async function chooseLogOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
}

async function logOut(page: Page): Promise<void> {
  await chooseLogOut(page);
  await expect(loginHeading(page)).toBeVisible();
}

test('a member registers a passkey and then signs in with it alone', async ({ page, context, request }) => {
  const user = await createVerifiedUser(request);
  await signInContext(context, user);
  await page.goto('/settings/security');
  const { client, authenticatorId } = await addVirtualAuthenticator(page);

  // Register: the browser creates the passkey; the server names it after the device.
  const passkeys = page.getByRole('region', { name: 'Passkeys' });
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible();
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  // The first second factor comes with recovery codes, shown once.
  const saved = page.getByRole('region', { name: 'Save your recovery codes' });
  await expect(saved.getByRole('listitem')).toHaveCount(10);
  await saved.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(passkeys.getByText(/Two-step verification is on/)).toBeVisible();
  const list = passkeys.getByRole('list', { name: 'Your passkeys' });
  await expect(list.getByRole('listitem')).toHaveCount(1);

  const { credentials } = await client.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);

  // Rename it.
  await list.getByRole('button', { name: /^Rename / }).click();
  const name = list.getByLabel('Passkey name');
  await expect(name).toBeFocused();
  await name.fill('Work laptop');
  await list.getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByRole('heading', { name: 'Work laptop' })).toBeVisible();
  await expect(passkeys.getByText('Passkey renamed to “Work laptop”.')).toBeVisible();

  // Passkey alone, through the browser's autofill: the login page asks for a passkey as it
  // opens (conditional mediation), and the authenticator answers; nothing is typed.
  // The virtual authenticator answers at once, so the login page may be gone before it can be
  // seen: only the sign-in it makes is awaited. The email field's autocomplete="username
  // webauthn" is checked in the wrong-password spec.
  const autofillLogin = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/passkey/login'));
  await chooseLogOut(page);
  expect((await autofillLogin).status()).toBe(200);
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(accountMenu(page, user)).toBeVisible();

  // Passkey alone, through the button: the autofill request is kept from starting here.
  const autofill = await holdPasskeyAutofill(page);
  await logOut(page);
  await expect.poll(autofill.refused).toBeGreaterThan(0);
  autofill.allow();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(accountMenu(page, user)).toBeVisible();
  await page.unrouteAll();

  // After a password, the passkey is the second step.
  await holdPasskeyAutofill(page);
  await logOut(page);
  await submitLoginForm(page, user);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.unrouteAll();

  // Remove it: it no longer signs in, and the password alone works again.
  await page.goto('/settings/security');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: 'Remove Work laptop' }).click();
  await passkeys.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(passkeys.getByText('You have no passkeys yet.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Two-step verification' }).getByText('Two-step verification is off.')).toBeVisible();

  // The authenticator still offers the removed passkey in autofill; the server refuses it.
  await logOut(page);
  await expect(page.locator('[aria-live="assertive"]').getByText(/We could not verify that passkey/)).toBeVisible();
  await expect(loginHeading(page)).toBeVisible();
  await submitLoginForm(page, user);
  await expect(page).toHaveURL(/\/onboarding$/);
});
