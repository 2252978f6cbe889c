/**
 * An admin signs every account out at once (ASVS 5.0 7.4.5), e.g. after sessions leaked: the
 * console asks first, then every session of every account ends but the admin's own. A member
 * signed in elsewhere lands on the login page at their next step. This spec runs after all
 * others (its own Playwright project, which depends on theirs), since it ends their sessions
 * too; to run it alone: `node scripts/run-e2e.mjs --project every-account --no-deps`.
 */
import { createAdminUser, createVerifiedUser, signInContext } from './support/api';
import { expect, test } from './support/fixtures';
import { accountMenu, loginHeading } from './support/ui';

test('an admin signs out every account and stays signed in', async ({ page, openContext, request }) => {
  const admin = await createAdminUser(page.context(), { account: 'last' });
  const member = await createVerifiedUser(request, { tag: 'everyone' });
  const memberContext = await openContext();
  await signInContext(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/settings/security');
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Security settings' })).toBeVisible();

  await page.goto('/admin');
  const everyAccount = page.getByRole('region', { name: 'Every account' });
  await everyAccount.getByRole('button', { name: 'Sign out every account' }).click();
  // Destructive: asked first.
  await expect(everyAccount.getByText('Everyone will need to log in again.')).toBeVisible();
  await everyAccount.getByRole('button', { name: 'Yes, sign everyone out' }).click();
  await expect(everyAccount.getByText('Every other session has ended.')).toBeVisible();

  await accountMenu(memberPage, member).click();
  await memberPage.getByRole('link', { name: 'Security activity', exact: true }).click();
  await expect(loginHeading(memberPage)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(accountMenu(page, admin)).toBeVisible();
});
