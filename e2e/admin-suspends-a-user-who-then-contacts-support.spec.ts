/**
 * Suspension and support: an admin suspends a member who is signed in on another
 * device; the member's next click lands on the suspended page with the public reason (never
 * the internal note), which leads to contact support; the member writes, and the admin
 * answers the ticket in the support queue. Set-up goes through the API; the admin account is
 * made by scripts/e2e-seed.ts through the command line's code path before the server starts.
 */
import { createAdminUser, createVerifiedUser, mailTo, signInContext } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu } from './support/ui';

test('an admin suspends a user who is signed in elsewhere, the user contacts support and the admin answers', async ({ page, openContext, request }) => {
  const admin = await createAdminUser(page.context(), { name: 'Ada Admin' });
  const member = await createVerifiedUser(request, { role: 'client', tag: 'suspended', name: 'Grace Member' });

  // The member is signed in on another device, on a signed-in page.
  const memberContext = await openContext();
  await signInContext(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/settings/security');
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Security settings' })).toBeVisible();
  // The console is not offered to someone who is not an admin.
  await accountMenu(memberPage, member).click();
  await expect(memberPage.getByRole('link', { name: 'Admin console' })).toHaveCount(0);
  await accountMenu(memberPage, member).click();

  // The admin finds the member by email and suspends the account.
  await page.goto('/onboarding');
  await accountMenu(page, admin).click();
  await page.getByRole('link', { name: 'Admin console' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByLabel('Email or name').fill(member.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('list', { name: 'Users' }).getByRole('link', { name: member.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(1);

  await page.getByText('Suspend this account').click();
  await page.getByLabel('Reason shown to the person').fill('Payments outside Workgate are not allowed.');
  await page.getByLabel('Internal note').fill('Reported by client 4411; screenshots in the ticket.');
  await page.getByRole('button', { name: 'Suspend account' }).click();
  // Destructive: asked first.
  await page.getByRole('button', { name: 'Yes, suspend' }).click();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('Suspended');
  await expect(status).toContainText('Internal note: Reported by client 4411');
  await expect(page.getByRole('region', { name: 'Sessions' })).toContainText('No active sessions.');

  // The member's next click lands on the suspended page, with the public reason only.
  await accountMenu(memberPage, member).click();
  await memberPage.getByRole('link', { name: 'Security activity', exact: true }).click();
  await expect(memberPage).toHaveURL(/\/suspended$/);
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Your account is suspended' })).toBeVisible();
  await expect(memberPage.getByText('Payments outside Workgate are not allowed.')).toBeVisible();
  await expect(memberPage.getByText(/client 4411/)).toHaveCount(0);

  // It leads to contact support, about the suspension.
  await memberPage.getByRole('link', { name: 'Contact support' }).click();
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Contact support' })).toBeVisible();
  await expect(memberPage.getByLabel('Topic')).toHaveValue('account_suspended');
  await memberPage.getByLabel('Email').fill(member.email);
  await memberPage.getByLabel('Message').fill('I only shared my portfolio link. Please look again.');
  await memberPage.getByRole('button', { name: 'Send message' }).click();
  const confirmation = memberPage.getByText(/Your ticket number is #\d+/);
  await expect(confirmation).toBeVisible();
  const ticketNumber = (await confirmation.textContent())!.match(/#(\d+)/)![1]!;

  // The admin answers it from the support queue.
  await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Support queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Support queue' })).toBeVisible();
  await page.getByRole('list', { name: 'Tickets' }).getByRole('link', { name: `Ticket #${ticketNumber}: My account is suspended` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ticket #${ticketNumber}` })).toBeVisible();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages).toContainText('I only shared my portfolio link.');
  await page.getByLabel('Answer').fill('Thank you. We have reviewed it and lifted nothing yet; we will write again within a day.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(messages.getByRole('listitem')).toHaveCount(2);
  await expect(messages).toContainText('Workgate support');
  await expect(page.getByText(/Answered/)).toBeVisible();

  // The answer reaches the ticket's address.
  await mailTo(request, member.email, { subject: `reply to ticket #${ticketNumber}` });
});
