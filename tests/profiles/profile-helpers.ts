/** Set-up shared by the profile tests: signed-in people with a published freelancer profile. */
import type { TestApp, TestUser } from '../helpers/test-app.js';

export interface Person extends TestUser {
  cookie: string;
}

export async function person(t: TestApp, options: Partial<TestUser> = {}): Promise<Person> {
  const user = await t.createUser(options);
  return { ...user, cookie: await t.signIn(user) };
}

export const FREELANCER_BODY = {
  title: 'Senior React developer',
  overview: 'I build fast, accessible web apps with React and TypeScript.\nTen years of shipping products.',
  hourlyRate: { amount: 6500, currency: 'USD' },
  skills: ['react', 'typescript'],
  country: 'FR',
  timezone: 'Europe/Paris',
  availability: 'more_than_30',
  languages: [{ code: 'en', level: 'fluent' }],
  visibility: 'public',
};

/** A freelancer whose profile is written with `body` (defaults above, overridden field by field). */
export async function freelancer(t: TestApp, body: Record<string, unknown> = {}, options: Partial<TestUser> = {}): Promise<Person> {
  const who = await person(t, options);
  const response = await t.request('PUT', '/api/v1/me/profiles/freelancer', { cookie: who.cookie, body: { ...FREELANCER_BODY, ...body } });
  if (response.statusCode !== 200) throw new Error(`profile not saved: ${response.body}`);
  return who;
}

export async function client(t: TestApp, options: Partial<TestUser> = {}): Promise<Person> {
  return person(t, { role: 'client', ...options });
}
