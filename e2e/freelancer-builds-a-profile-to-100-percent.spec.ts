/**
 * A new freelancer goes from sign-up to a complete profile in the browser: the onboarding page
 * leads to the editor, whose meter names what to add next; each section (facts, photo,
 * portfolio with an uploaded image, two jobs, education, a certification, languages, a
 * confirmed phone) raises it, until it reads 100% and the public profile shows the work.
 */
import sharp from 'sharp';
import { codeIn, linkFrom, mailTo, newUserDetails, smsTo } from './support/api';
import { expect, test } from './support/fixtures';
import { expectSignedInOnboarding, submitSignupForm } from './support/ui';

const image = (color: string) => sharp({ create: { width: 480, height: 360, channels: 3, background: color } }).png().toBuffer();

test('a new freelancer signs up and completes the profile to 100%', async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = newUserDetails({ role: 'freelancer', name: 'Noor Haddad' });
  await page.goto('/signup?role=freelancer');
  await submitSignupForm(page, user);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await page.goto(linkFrom(await mailTo(request, user.email, { subject: 'Confirm your email' }), '/verify-email'));
  await expectSignedInOnboarding(page, user);

  await page.getByRole('link', { name: 'Build your profile' }).click();
  const meter = page.getByRole('progressbar');
  await expect(meter).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByText(/Start with a title, your skills and your rate/)).toBeVisible();

  // The main facts.
  const facts = page.locator('form', { has: page.getByRole('heading', { name: 'Your freelancer profile' }) });
  await facts.getByLabel('Title').fill('Data engineer for growing startups');
  const skills = facts.getByRole('combobox', { name: 'Skills' });
  for (const skill of ['Python', 'PostgreSQL']) {
    await skills.fill(skill);
    await page.getByRole('option', { name: skill, exact: true }).click();
  }
  await expect(facts.getByRole('list', { name: 'Chosen skills' })).toContainText('Python');
  await facts.getByLabel('Hourly rate (USD)').fill('70');
  await facts
    .getByLabel('Overview')
    .fill('I design data pipelines and warehouses for startups: ingestion, modelling, dashboards and the on-call runbooks that keep them honest.');
  await facts.getByLabel('Country').selectOption({ label: 'Jordan' });
  await facts.getByRole('button', { name: 'Add a language' }).click();
  await facts.getByRole('button', { name: 'Add a language' }).click();
  await facts.getByLabel('Language 2').selectOption({ label: 'Arabic' });
  await facts.getByLabel('Arabic level').selectOption({ label: 'Native or bilingual' });
  await facts.getByRole('button', { name: 'Save profile' }).click();
  await expect(facts.getByRole('status')).toHaveText('Profile saved.');
  await expect(meter).toHaveAttribute('aria-valuenow', '40');
  await expect(page.getByText('Add a profile photo (+15%)')).toBeVisible();

  // The photo.
  const photo = page.getByRole('region', { name: 'Profile photo' });
  await photo.getByLabel(/Choose a JPEG/).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await image('#2a6f97') });
  await expect(photo.getByRole('img', { name: 'Preview of the new photo' })).toBeVisible();
  await photo.getByRole('button', { name: 'Upload photo' }).click();
  await expect(photo.getByRole('status')).toHaveText('Photo saved.');
  await expect(meter).toHaveAttribute('aria-valuenow', '55');

  // A portfolio item with an image.
  const portfolio = page.getByRole('region', { name: /^Portfolio/ });
  await portfolio.getByLabel('Project title').fill('Warehouse for a delivery startup');
  await portfolio.getByLabel('What you did').fill('Moved 40 cron jobs onto one orchestrated pipeline.');
  await portfolio.getByLabel(/Images or PDFs/).setInputFiles([{ name: 'pipeline.png', mimeType: 'image/png', buffer: await image('#e9c46a') }]);
  await portfolio.getByRole('button', { name: 'Add to portfolio' }).click();
  await expect(portfolio.getByRole('status')).toHaveText('Portfolio item added.');
  await expect(portfolio.getByRole('listitem')).toContainText(['Warehouse for a delivery startup1 file']);
  await expect(meter).toHaveAttribute('aria-valuenow', '65');

  // Two jobs: the first counts 10, the second 5.
  const history = page.getByRole('region', { name: /^Work history/ });
  for (const [company, from, to] of [
    ['Parcelly', '2021-03', ''],
    ['Northwind Analytics', '2017-09', '2021-02'],
  ]) {
    await history.getByLabel('Company').fill(company!);
    await history.getByLabel('Your title there').fill('Data engineer');
    await history.getByLabel('From (YYYY-MM)').fill(from!);
    await history.getByLabel(/^To \(YYYY-MM/).fill(to!);
    await history.getByRole('button', { name: 'Add job' }).click();
    await expect(history.getByRole('listitem').filter({ hasText: company! })).toBeVisible();
  }
  await expect(history.getByRole('listitem').first()).toContainText('2021-03 – now');
  await expect(meter).toHaveAttribute('aria-valuenow', '80');

  // A mistake is named at its field, then undone with Remove.
  const education = page.getByRole('region', { name: /^Education/ });
  await education.getByRole('button', { name: 'Add education' }).click();
  await expect(education.getByText('Write the school.')).toBeVisible();
  await education.getByLabel('School').fill('University of Jordan');
  await education.getByLabel('Degree').fill('BSc');
  await education.getByLabel('Field of study').fill('Computer science');
  await education.getByLabel('From (year)').fill('2012');
  await education.getByLabel('To (year)').fill('2016');
  await education.getByRole('button', { name: 'Add education' }).click();
  await expect(education.getByRole('listitem')).toContainText(['University of Jordan: BSc, Computer science2012 – 2016']);

  const certifications = page.getByRole('region', { name: /^Certifications/ });
  await certifications.getByLabel('Certification', { exact: true }).fill('Professional Data Engineer');
  await certifications.getByLabel('Issued by').fill('Google Cloud');
  await certifications.getByLabel('Issued (YYYY-MM)').fill('2023-05');
  await certifications.getByRole('button', { name: 'Add certification' }).click();
  await expect(certifications.getByRole('listitem')).toContainText(['Professional Data Engineer, Google Cloud2023-05']);
  await expect(meter).toHaveAttribute('aria-valuenow', '95');
  await expect(page.getByText('Confirm a phone number in your security settings (+5%)')).toBeVisible();

  // The phone, confirmed in the security settings.
  const phone = `+962790${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  await page.goto('/settings/security');
  const twoStep = page.getByRole('region', { name: 'Two-step verification' });
  await twoStep.getByRole('button', { name: 'Add a phone number' }).click();
  await twoStep.getByLabel('Mobile phone number').fill(phone);
  await twoStep.getByRole('button', { name: 'Text me a code' }).click();
  await twoStep.getByLabel('Code from the text message').fill(codeIn((await smsTo(request, phone)).body));
  await twoStep.getByRole('button', { name: 'Confirm number' }).click();
  await expect(twoStep.getByText(`${phone} is confirmed.`, { exact: false })).toBeVisible();

  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: 'Profile 100% complete' })).toBeVisible();
  await expect(page.getByText('Add next')).toHaveCount(0);

  // What clients see.
  await page.getByRole('link', { name: 'See your public profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Noor H\./ })).toBeVisible();
  await expect(page.getByText('Warehouse for a delivery startup')).toBeVisible();
  await expect(page.getByText('Professional Data Engineer')).toBeVisible();
});
