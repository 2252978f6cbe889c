/**
 * A new person signs up in the browser as a freelancer, and as a client: role choice, name,
 * email, password with the live strength meter, terms; then "check your inbox", and the
 * link from the mail confirms the address, signs this browser in and lands on the
 * onboarding page written for the chosen role: "Sign up", "Verify email").
 */
import { mailTo, linkFrom, newUserDetails, type Role } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, submitSignupForm } from './support/ui';

const CASES: Array<{ role: Role; choice: string; formTitle: string; onboarding: string; menuLabel: string }> = [
  {
    role: 'freelancer',
    choice: 'I want to work as a freelancer',
    formTitle: 'Sign up to find work',
    onboarding: 'Here is what comes next for freelancers on Workgate.',
    menuLabel: 'Freelancer account',
  },
  {
    role: 'client',
    choice: 'I want to hire for a project',
    formTitle: 'Sign up to hire',
    onboarding: 'Here is what comes next for clients on Workgate.',
    menuLabel: 'Client account',
  },
];

for (const role of CASES) {
  test(`a ${role.role} signs up and, from the mail's link, reaches their onboarding signed in`, async ({ page, request }) => {
    const user = newUserDetails({ role: role.role });

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Join Workgate' })).toBeVisible();
    await page.getByRole('link', { name: role.choice }).click();
    await expect(page.getByRole('heading', { name: role.formTitle })).toBeVisible();
    await submitSignupForm(page, user);

    // "Check your inbox": the address used, the spam folder, resend with a cool-down, start again.
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await expect(page.getByText(user.email)).toBeVisible();
    await expect(page.getByText(/spam or junk folder/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Resend the email' })).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByText(/You can send another one in/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Start again' })).toHaveAttribute('href', `/signup?role=${role.role}`);

    const link = linkFrom(await mailTo(request, user.email, { subject: 'Confirm your email' }), '/verify-email');
    await page.goto(link);

    await expectSignedInOnboarding(page, user);
    await expect(page.getByText('Your email address is confirmed and you are signed in.')).toBeVisible();
    await expect(page.getByText(role.onboarding)).toBeVisible();
    // The token left the history: the verify page replaced itself.
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: `Account menu for ${user.name}` }).click();
    await expect(page.getByText(role.menuLabel)).toBeVisible();
    await expect(page.getByText(user.email)).toBeVisible();

    // Signed in for real: a reload keeps the person on the page.
    await page.reload();
    await expectSignedInOnboarding(page, user);
  });
}
