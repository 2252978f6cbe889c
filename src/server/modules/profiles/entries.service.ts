/**
 * The lists on a freelancer profile: portfolio items, employment, education, certifications.
 * Each entry belongs to one account; every query names the owner, so someone else's id is
 * 404 like an id that does not exist. Adding the first entry starts the freelancer profile.
 */
import { generateId } from '../../platform/secrets.js';
import { AppError } from '../../http/errors.js';
import { findOwnFiles, listOwnFiles } from '../files/index.js';
import {
  countEntries,
  deleteEntry,
  ensureFreelancer,
  insertEntry,
  updateEntry,
  type EntryKind,
  type EntryRow,
} from './profiles.queries.js';
import { assertKnownSkills, refreshFreelancer, type ProfilesDeps } from './profiles.service.js';
import { certificationView, educationView, employmentView, portfolioView } from './views.js';

/** Entries a profile may hold per list: generous for real careers, bounded for the database. */
export const ENTRY_LIMITS: Record<EntryKind, number> = { portfolio: 30, employment: 20, education: 10, certifications: 20 };

type Input = Record<string, unknown>;

/** Checks what refers outside the row: skills against the taxonomy, images against the owner's uploads. */
async function checkReferences(deps: ProfilesDeps, kind: EntryKind, userId: string, input: Input): Promise<Input> {
  if (kind !== 'portfolio') return input;
  const { skills, images, ...rest } = input as { skills?: string[]; images?: string[] };
  if (skills) assertKnownSkills(skills, 'skills');
  if (images) await findOwnFiles(deps.db, userId, images, 'portfolio', 'images');
  return { ...rest, ...(skills ? { skillIds: skills } : {}), ...(images ? { imageFileIds: images } : {}) };
}

async function viewOf<K extends EntryKind>(deps: ProfilesDeps, kind: K, userId: string, row: EntryRow<K>) {
  switch (kind) {
    case 'portfolio': {
      const item = row as EntryRow<'portfolio'>;
      const files = await listOwnFiles(deps.db, userId, item.imageFileIds);
      return portfolioView(item, new Map(files.map((file) => [file.id, file])));
    }
    case 'employment':
      return employmentView(row as EntryRow<'employment'>);
    case 'education':
      return educationView(row as EntryRow<'education'>);
    default:
      return certificationView(row as EntryRow<'certifications'>);
  }
}

export async function addEntry(deps: ProfilesDeps, kind: EntryKind, userId: string, input: Input) {
  const values = await checkReferences(deps, kind, userId, input);
  const row = await deps.db.transaction(async (tx) => {
    await ensureFreelancer(tx, userId, deps.clock.now());
    if ((await countEntries(tx, kind, userId)) >= ENTRY_LIMITS[kind]) throw new AppError('limit_reached');
    const inserted = await insertEntry(tx, kind, { ...values, id: generateId(), userId, createdAt: deps.clock.now() } as never);
    await refreshFreelancer(deps, tx, userId);
    return inserted;
  });
  return viewOf(deps, kind, userId, row);
}

export async function changeEntry(deps: ProfilesDeps, kind: EntryKind, userId: string, id: string, patch: Input) {
  const changes = await checkReferences(deps, kind, userId, patch);
  const row = await deps.db.transaction(async (tx) => {
    const updated = await updateEntry(tx, kind, userId, id, changes as never);
    if (!updated) throw new AppError('not_found');
    if (kind === 'employment' || kind === 'education') assertOrdered(updated as EntryRow<'employment'> | EntryRow<'education'>);
    await refreshFreelancer(deps, tx, userId);
    return updated;
  });
  return viewOf(deps, kind, userId, row);
}

/** A patch may move one end past the other, which only the merged row shows. */
function assertOrdered(row: EntryRow<'employment'> | EntryRow<'education'>): void {
  const outOfOrder =
    'startMonth' in row
      ? row.endMonth !== null && row.endMonth < row.startMonth
      : row.startYear !== null && row.endYear !== null && row.endYear < row.startYear;
  if (outOfOrder) {
    throw new AppError('validation_failed', {
      errors: [{ path: 'startMonth' in row ? 'endMonth' : 'endYear', message: 'The end comes after the start.' }],
    });
  }
}

export async function removeEntry(deps: ProfilesDeps, kind: EntryKind, userId: string, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await deleteEntry(tx, kind, userId, id))) throw new AppError('not_found');
    await refreshFreelancer(deps, tx, userId);
  });
}
