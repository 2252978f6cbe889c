/**
 * Contact support works signed out: from the login page, a person who cannot get
 * in writes to support and sees the ticket number, which also comes by mail.
 */
import { mailTo, uniqueEmail } from './support/api';
import { expect, test } from './support/fixtures';

test('a visitor who cannot log in contacts support and gets a ticket number', async ({ page, request }) => {
  const email = uniqueEmail('stuck');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Get help from support' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact support' })).toBeVisible();

  // Sending an empty form names what is missing, next to each field.
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByText('Choose what your message is about.')).toBeVisible();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Topic').selectOption({ label: 'I can’t log in' });
  await page.getByLabel('Message').fill('My password stopped working.');
  await expect(page.getByText('28 of 5000 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Send message' }).click();

  const confirmation = page.getByText(/Your ticket number is #\d+/);
  await expect(confirmation).toBeVisible();
  const number = (await confirmation.textContent())!.match(/#(\d+)/)![1]!;
  const mail = await mailTo(request, email);
  expect(mail.text).toContain(number);
});
