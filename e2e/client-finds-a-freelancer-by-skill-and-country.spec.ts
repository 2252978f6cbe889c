/**
 * A client finds a freelancer by skill and country: a freelancer's profile (set up through the
 * API) is found from the talent search page with a keyword, narrowed with the sidebar's
 * country and skill filters (whose counts say how many each finds), and opened as a public
 * profile whose overview is text with a safe link. The filters live in the address.
 */
import { createVerifiedUser, postJSON, signInContext, SAME_ORIGIN } from './support/api';
import { expect, test } from './support/fixtures';

test('a client finds a freelancer by skill and country and opens the profile', async ({ page, context, openContext }) => {
  const marker = `zephyr${Date.now().toString(36)}`;
  const freelancerContext = await openContext();
  const freelancer = await createVerifiedUser(freelancerContext.request, { role: 'freelancer', name: 'Ines Moreau' });
  await signInContext(freelancerContext, freelancer);
  const saved = await freelancerContext.request.put('/api/v1/me/profiles/freelancer', {
    headers: SAME_ORIGIN,
    data: {
      title: `Flutter ${marker} developer`,
      overview: 'I build mobile apps.\nSee my work at https://example.com/portfolio <b>not bold</b>',
      skills: ['flutter', 'dart'],
      hourlyRate: { amount: 5500, currency: 'USD' },
      country: 'PT',
      timezone: 'Europe/Lisbon',
    },
  });
  expect(saved.status()).toBe(200);
  // Someone with the same keyword elsewhere, whom the country filter leaves out.
  const other = await createVerifiedUser(freelancerContext.request, { role: 'freelancer', name: 'Kofi Mensah' });
  await signInContext(freelancerContext, other);
  await postJSON(freelancerContext.request, '/me/roles', { role: 'freelancer' }, 200);
  expect((await freelancerContext.request.put('/api/v1/me/profiles/freelancer', { headers: SAME_ORIGIN, data: { title: `Kotlin ${marker} engineer`, skills: ['kotlin'], country: 'GH' } })).status()).toBe(200);

  const client = await createVerifiedUser(context.request, { role: 'client' });
  await signInContext(context, client);
  await page.goto('/talent');
  await page.getByRole('searchbox', { name: 'Search by skill, title or keyword' }).fill(marker);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('2 freelancers found');

  const filters = page.getByRole('complementary', { name: 'Filters' });
  await expect(filters.getByRole('group', { name: 'Freelancer location' })).toContainText('Portugal1');
  await filters.getByRole('checkbox', { name: /Portugal/ }).click();
  await expect(page).toHaveURL(/country=PT/);
  await expect(filters.getByRole('checkbox', { name: /Portugal/ })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 freelancer found');
  await filters.getByRole('checkbox', { name: /Flutter/ }).click();
  await expect(page).toHaveURL(/skills=flutter/);
  await expect(filters.getByRole('checkbox', { name: /Flutter/ })).toBeChecked();

  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('article')).toHaveCount(1);
  await expect(results).toContainText('$55.00/hr');
  await results.getByRole('link', { name: 'Ines M.' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Ines M.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Flutter ${marker} developer` })).toBeVisible();
  await expect(page.getByText('<b>not bold</b>', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://example.com/portfolio' })).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');

  // Back returns to the filtered search.
  await page.goBack();
  await expect(page).toHaveURL(/country=PT/);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 freelancer found');
});
