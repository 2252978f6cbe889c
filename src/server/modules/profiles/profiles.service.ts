/**
 * The two profiles of an account. One account may work and hire: the role chosen at sign-up
 * names the first profile, and "Start hiring" / "Start working" starts the other. Every
 * write to a freelancer profile ends in refreshFreelancer, which keeps what search reads
 * (search document, completeness) and who may read the profile's files in step with it.
 */
import type { FastifyRequest } from 'fastify';
import type {
  ClientProfileInput,
  FreelancerProfile,
  FreelancerProfileInput,
  MyProfiles,
} from '../../../shared/profiles-contracts.js';
import type { Role } from '../../../shared/contracts.js';
import type { Database } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../http/errors.js';
import { deleteOwnFiles, listOwnFiles, receiveUpload, showOnlyFiles, type FileRow } from '../files/index.js';
import { clientCompleteness, freelancerCompleteness } from './completeness.js';
import {
  countAllEntries,
  ensureClient,
  ensureFreelancer,
  findClient,
  findFreelancer,
  listEntries,
  upsertClient,
  upsertFreelancer,
  writeSearchFacts,
} from './profiles.queries.js';
import type { FreelancerRow } from './profiles.table.js';
import { skillNames, unknownSkillIds } from './skills.js';
import {
  certificationView,
  clientView,
  educationView,
  employmentView,
  photoOf,
  portfolioView,
  rateOf,
  skillsOf,
} from './views.js';

/** What profiles need from outside their walls, handed in where the app is assembled. */
export interface ProfilesDeps extends Deps {
  /** Whether the account has a verified phone number (the auth module keeps phone numbers); `db` may be a transaction. */
  phoneVerified(db: Database, userId: string): Promise<boolean>;
}

/** Field error for skill ids that are not in the taxonomy. */
export function assertKnownSkills(ids: readonly string[], path: string): void {
  const unknown = unknownSkillIds(ids);
  if (unknown.length > 0) {
    throw new AppError('validation_failed', {
      errors: unknown.map((id) => ({ path: `${path}.${ids.indexOf(id)}`, message: 'Choose skills from the list.' })),
    });
  }
}

/** The freelancer profile with its lists and files, as one aggregate. */
export async function loadFreelancer(db: Database, userId: string) {
  const row = await findFreelancer(db, userId);
  if (!row) return undefined;
  const [portfolio, employment, education, certifications] = await Promise.all([
    listEntries(db, 'portfolio', userId),
    listEntries(db, 'employment', userId),
    listEntries(db, 'education', userId),
    listEntries(db, 'certifications', userId),
  ]);
  const files = new Map<string, FileRow>(
    (await listOwnFiles(db, userId, portfolio.flatMap((item) => item.imageFileIds))).map((file) => [file.id, file]),
  );
  return { row, portfolio, employment, education, certifications, files };
}
type LoadedFreelancer = NonNullable<Awaited<ReturnType<typeof loadFreelancer>>>;

/** The parts of a profile everyone who may see it sees. */
export function freelancerFacts(loaded: LoadedFreelancer) {
  const { row } = loaded;
  return {
    title: row.title,
    overview: row.overview,
    hourlyRate: rateOf(row),
    skills: skillsOf(row.skillIds),
    country: row.country,
    timezone: row.timezone,
    availability: row.availability,
    languages: row.languages,
    photo: photoOf(row.photoFileId),
    portfolio: loaded.portfolio.map((item) => portfolioView(item, loaded.files)),
    employment: loaded.employment.map(employmentView),
    education: loaded.education.map(educationView),
    certifications: loaded.certifications.map(certificationView),
  };
}

async function completenessOf(deps: ProfilesDeps, db: Database, row: FreelancerRow, counts: Record<'portfolio' | 'employment' | 'education' | 'certifications', number>) {
  return freelancerCompleteness({
    hasPhoto: row.photoFileId !== null,
    overview: row.overview,
    skillCount: row.skillIds.length,
    employmentCount: counts.employment,
    portfolioCount: counts.portfolio,
    educationCount: counts.education,
    certificationCount: counts.certifications,
    languageCount: row.languages.length,
    hasTitle: row.title !== null,
    hasRate: row.hourlyRateAmount !== null,
    phoneVerified: await deps.phoneVerified(db, row.userId),
  });
}

const FILE_ACCESS = { public: 'public', signed_in: 'signed_in', private: 'owner' } as const;

/** The uploads a profile shows; other modules' files (job attachments, messages) are theirs to show. */
const PROFILE_FILE_PURPOSES = ['avatar', 'portfolio'] as const;

/**
 * After any change to a freelancer profile: rewrite its search document and completeness, and
 * let exactly the files it shows (photo, portfolio images) be read by whoever may see it.
 */
export async function refreshFreelancer(deps: ProfilesDeps, db: Database, userId: string): Promise<void> {
  const row = await findFreelancer(db, userId);
  if (!row) return;
  const counts = await countAllEntries(db, userId);
  const completeness = await completenessOf(deps, db, row, counts);
  await writeSearchFacts(db, userId, { skillNames: skillNames(row.skillIds).join(', '), completeness: completeness.percent });
  const portfolio = await listEntries(db, 'portfolio', userId);
  const shown = [...(row.photoFileId ? [row.photoFileId] : []), ...portfolio.flatMap((item) => item.imageFileIds)];
  await showOnlyFiles(db, userId, PROFILE_FILE_PURPOSES, shown, FILE_ACCESS[row.visibility]);
}

/** The owner's view of their freelancer profile, or null when not started. */
export async function ownFreelancerProfile(deps: ProfilesDeps, userId: string): Promise<FreelancerProfile | null> {
  const loaded = await loadFreelancer(deps.db, userId);
  if (!loaded) return null;
  const counts = {
    portfolio: loaded.portfolio.length,
    employment: loaded.employment.length,
    education: loaded.education.length,
    certifications: loaded.certifications.length,
  };
  return {
    ...freelancerFacts(loaded),
    visibility: loaded.row.visibility,
    completeness: await completenessOf(deps, deps.db, loaded.row, counts),
    updatedAt: loaded.row.updatedAt.toISOString(),
  };
}

/** GET /me/profiles: both profiles (null where not started) and the roles the account has. */
export async function getMyProfiles(deps: ProfilesDeps, user: { id: string; role: Role }): Promise<MyProfiles> {
  const [freelancer, clientRow] = await Promise.all([ownFreelancerProfile(deps, user.id), findClient(deps.db, user.id)]);
  const client = clientRow ? clientView(clientRow, clientCompleteness(clientRow)) : null;
  const roles = new Set<Role>([user.role]);
  if (freelancer) roles.add('freelancer');
  if (client) roles.add('client');
  return { roles: (['freelancer', 'client'] as const).filter((role) => roles.has(role)), freelancer, client };
}

/** Whether the account may hire (and so search talent): it signed up as a client or started a client profile. */
export async function mayHire(deps: Pick<Deps, 'db'>, user: { id: string; role: Role }): Promise<boolean> {
  return user.role === 'client' || (await findClient(deps.db, user.id)) !== undefined;
}

export async function saveFreelancerProfile(deps: ProfilesDeps, userId: string, input: FreelancerProfileInput): Promise<FreelancerProfile> {
  assertKnownSkills(input.skills, 'skills');
  await deps.db.transaction(async (tx) => {
    await upsertFreelancer(
      tx,
      userId,
      {
        title: input.title,
        overview: input.overview,
        hourlyRateAmount: input.hourlyRate?.amount ?? null,
        hourlyRateCurrency: input.hourlyRate?.currency ?? null,
        skillIds: input.skills,
        country: input.country,
        timezone: input.timezone,
        availability: input.availability,
        languages: input.languages,
        visibility: input.visibility,
      },
      deps.clock.now(),
    );
    await refreshFreelancer(deps, tx, userId);
  });
  return (await ownFreelancerProfile(deps, userId))!;
}

export async function saveClientProfile(deps: ProfilesDeps, userId: string, input: ClientProfileInput) {
  await upsertClient(deps.db, userId, input, deps.clock.now());
  const row = (await findClient(deps.db, userId))!;
  return clientView(row, clientCompleteness(row));
}

/** Replaces the profile photo with an uploaded image (re-encoded to a square); the old one is deleted. */
export async function setFreelancerPhoto(deps: ProfilesDeps, request: FastifyRequest, userId: string) {
  const file = await receiveUpload(deps, request, { ownerId: userId, purpose: 'avatar' });
  const previous = await deps.db.transaction(async (tx) => {
    await ensureFreelancer(tx, userId, deps.clock.now());
    const before = await findFreelancer(tx, userId);
    await upsertFreelancer(tx, userId, { photoFileId: file.id }, deps.clock.now());
    await refreshFreelancer(deps, tx, userId);
    return before?.photoFileId ?? null;
  });
  if (previous && previous !== file.id) await deleteOwnFiles(deps, userId, [previous]);
  return { photo: photoOf(file.id)! };
}

/** "Start working" / "Start hiring": starts the other profile on the same account (idempotent). */
export async function addRole(deps: ProfilesDeps, user: { id: string; role: Role }, role: Role): Promise<MyProfiles> {
  if (role === 'freelancer') {
    await ensureFreelancer(deps.db, user.id, deps.clock.now());
    await refreshFreelancer(deps, deps.db, user.id);
  } else {
    await ensureClient(deps.db, user.id, deps.clock.now());
  }
  return getMyProfiles(deps, user);
}
