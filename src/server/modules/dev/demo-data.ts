/**
 * A believable marketplace for a first look: freelancers with varied skills, countries,
 * rates, histories and portfolios, and clients with businesses, generated in code from the
 * skills taxonomy by a seeded random generator, so every run makes the same people (same
 * ids, so running it twice adds nothing). Demo accounts have no password: nobody can sign in
 * as them; they exist to be found.
 */
import type { Deps } from '../../platform/deps.js';
import { insertUsers, type NewUserRow } from '../accounts/index.js';
import { importDemoProfiles, listCategories, listSkills, type DemoFreelancer, type DemoProfiles } from '../profiles/index.js';
import { CLIENTS, COMPANIES, COUNTRIES, FIRST_NAMES, LAST_NAMES, ROLES, SCHOOLS } from './demo-words.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], count: number): T[] => {
    const pool = [...list];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return chosen;
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((int(0, 15) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, some, uuid };
}

/** Every demo date counts back from here, so the data is the same whatever the day. */
const EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const month = (date: Date) => date.toISOString().slice(0, 7);

export interface DemoData {
  users: NewUserRow[];
  profiles: DemoProfiles;
}

/** The demo marketplace: `freelancers` freelancer accounts and `clients` client accounts. */
export function generateDemoData(options: { freelancers: number; clients: number; seed?: number }): DemoData {
  const random = generator(options.seed ?? 20_260_101);
  const categories = listCategories();
  const users: NewUserRow[] = [];
  const freelancers: DemoFreelancer[] = [];

  for (let i = 0; i < options.freelancers; i += 1) {
    const id = random.uuid();
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const country = random.pick(COUNTRIES);
    const joined = new Date(EPOCH - random.int(10, 1500) * DAY);
    users.push({ id, email: `demo-freelancer-${String(i + 1).padStart(6, '0')}@demo.workgate.localhost`, name: `${first} ${last}`, role: 'freelancer', passwordHash: null, emailVerifiedAt: joined, createdAt: joined });

    const category = random.pick(categories);
    const role = ROLES[category.id] ?? { nouns: ['specialist'], low: 1500, high: 8000 };
    const skills = random.some(listSkills(category.id), random.int(3, 8));
    const years = random.int(2, 18);
    const seniority = years >= 10 ? 'Senior ' : years >= 5 ? '' : 'Junior ';
    const title = `${seniority}${skills[0]!.name} ${random.pick(role.nouns)}`.slice(0, 70);
    const overview = [
      `I am a ${role.nouns[0]} with ${years} years of experience in ${skills.slice(0, 3).map((s) => s.name).join(', ')}.`,
      `I have worked with ${random.int(5, 120)} clients, from early startups to large companies, and I care about clear communication and work delivered on time.`,
      '',
      `Recent work: ${random.pick(['a redesign that lifted conversions', 'a migration finished ahead of schedule', 'a launch used by thousands of people', 'a project that cut costs by a third'])}.`,
    ].join('\n');
    const rate = Math.round((role.low + random.next() * (role.high - role.low)) * country.rateFactor / 100) * 100;
    const employment = Array.from({ length: random.int(1, 3) }, (_, k) => {
      const end = new Date(EPOCH - (k * 900 + random.int(0, 200)) * DAY);
      const start = new Date(end.getTime() - random.int(300, 1400) * DAY);
      return { id: random.uuid(), company: random.pick(COMPANIES), title: `${random.pick(['', 'Senior ', 'Lead '])}${random.pick(role.nouns)}`.trim().replace(/^./, (c) => c.toUpperCase()), location: null, country: country.code, startMonth: month(start), endMonth: k === 0 && random.next() < 0.4 ? null : month(end), description: `Worked on ${skills[random.int(0, skills.length - 1)]!.name} day to day.`, createdAt: joined };
    });
    const portfolio = Array.from({ length: random.int(0, 3) }, () => ({
      id: random.uuid(),
      title: `${random.pick(['Case study', 'Project', 'Launch', 'Redesign'])}: ${random.pick(COMPANIES)}`,
      description: `How ${skills[0]!.name} and ${skills[1]?.name ?? 'care'} solved a real problem for a client.`,
      role: random.pick(role.nouns),
      skillIds: random.some(skills, 2).map((s) => s.id),
      link: null,
      imageFileIds: [],
      createdAt: joined,
    }));
    const education =
      random.next() < 0.7
        ? [{ id: random.uuid(), school: random.pick(SCHOOLS), degree: random.pick(['BSc', 'BA', 'MSc', 'MA', 'Diploma']), field: category.name.split(' ')[0]!, startYear: 2000 + random.int(0, 15), endYear: null, description: null, createdAt: joined }]
        : [];
    const certification =
      random.next() < 0.35
        ? [{ id: random.uuid(), name: `${skills[0]!.name} Professional Certificate`, issuer: random.pick(['Coursera', 'edX', 'LinkedIn Learning', 'Udacity']), issuedMonth: month(new Date(EPOCH - random.int(30, 900) * DAY)), expiresMonth: null, credentialId: null, url: null, createdAt: joined }]
        : [];
    const visibilityRoll = random.next();
    freelancers.push({
      profile: {
        userId: id,
        title,
        overview,
        hourlyRateAmount: rate,
        hourlyRateCurrency: country.currency,
        skillIds: skills.map((s) => s.id),
        country: country.code,
        timezone: country.timezone,
        availability: random.pick(['more_than_30', 'less_than_30', 'as_needed', 'as_needed', 'not_available'] as const),
        languages: [{ code: 'en', level: country.english }, ...(country.language !== 'en' ? [{ code: country.language, level: 'native' as const }] : [])],
        visibility: visibilityRoll < 0.9 ? 'public' : visibilityRoll < 0.98 ? 'signed_in' : 'private',
        createdAt: joined,
        updatedAt: joined,
      },
      portfolio,
      employment,
      education,
      certifications: certification,
    });
  }

  const clients: DemoProfiles['clients'] = [];
  for (let i = 0; i < options.clients; i += 1) {
    const id = random.uuid();
    const business = CLIENTS[i % CLIENTS.length]!;
    const country = random.pick(COUNTRIES);
    const joined = new Date(EPOCH - random.int(10, 1500) * DAY);
    users.push({ id, email: `demo-client-${String(i + 1).padStart(6, '0')}@demo.workgate.localhost`, name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`, role: 'client', passwordHash: null, emailVerifiedAt: joined, createdAt: joined });
    const suffix = i >= CLIENTS.length ? ` ${Math.floor(i / CLIENTS.length) + 1}` : '';
    clients.push({ userId: id, companyName: `${business.name}${suffix}`, size: random.pick(['just_me', '2_9', '10_99', '100_999', '1000_plus'] as const), industry: business.industry, website: `https://${business.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`, country: country.code, timezone: country.timezone, description: business.description, createdAt: joined, updatedAt: joined });
  }
  return { users, profiles: { freelancers, clients } };
}

/** Writes the demo marketplace; answers how many freelancer profiles were new. */
export async function seedDemoData(deps: Pick<Deps, 'db'>, options: { freelancers: number; clients: number }): Promise<number> {
  const data = generateDemoData(options);
  for (let i = 0; i < data.users.length; i += 500) await insertUsers(deps.db, data.users.slice(i, i + 500));
  return importDemoProfiles(deps.db, data.profiles);
}
