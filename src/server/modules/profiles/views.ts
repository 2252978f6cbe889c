/** Rows to the shapes of profiles-contracts.ts. */
import type { FileView } from '../../../shared/files-contracts.js';
import type { z } from 'zod';
import type {
  CertificationSchema,
  ClientProfile,
  Completeness,
  EducationSchema,
  EmploymentSchema,
  PortfolioItemSchema,
} from '../../../shared/profiles-contracts.js';
import { toFileView, type FileRow } from '../files/index.js';
import type { CertificationRow, ClientRow, EducationRow, EmploymentRow, FreelancerRow, PortfolioRow } from './profiles.table.js';
import { findSkill } from './skills.js';

/** Avatars are always stored as a 400 px square (files/image-processing.ts). */
const AVATAR_SIDE = 400;

export function skillsOf(ids: readonly string[]) {
  return ids.flatMap((id) => findSkill(id) ?? []);
}

export function photoOf(fileId: string | null) {
  if (!fileId) return null;
  const url = `/api/v1/files/${fileId}`;
  return { url, thumbnailUrl: `${url}?variant=thumb`, width: AVATAR_SIDE, height: AVATAR_SIDE };
}

export function rateOf(row: Pick<FreelancerRow, 'hourlyRateAmount' | 'hourlyRateCurrency'>) {
  return row.hourlyRateAmount !== null && row.hourlyRateCurrency
    ? { amount: row.hourlyRateAmount, currency: row.hourlyRateCurrency as 'USD' }
    : null;
}

export function portfolioView(row: PortfolioRow, files: ReadonlyMap<string, FileRow>): z.infer<typeof PortfolioItemSchema> {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    role: row.role,
    skills: skillsOf(row.skillIds),
    link: row.link,
    images: row.imageFileIds.flatMap((id): FileView[] => {
      const file = files.get(id);
      return file ? [toFileView(file)] : [];
    }),
    createdAt: row.createdAt.toISOString(),
  };
}

export function employmentView(row: EmploymentRow): z.infer<typeof EmploymentSchema> {
  const { userId: _userId, createdAt: _createdAt, ...view } = row;
  return view;
}

export function educationView(row: EducationRow): z.infer<typeof EducationSchema> {
  const { userId: _userId, createdAt: _createdAt, ...view } = row;
  return view;
}

export function certificationView(row: CertificationRow): z.infer<typeof CertificationSchema> {
  const { userId: _userId, createdAt: _createdAt, ...view } = row;
  return view;
}

export function clientView(row: ClientRow, completeness: Completeness): ClientProfile {
  return {
    companyName: row.companyName,
    size: row.size,
    industry: row.industry,
    website: row.website,
    country: row.country,
    timezone: row.timezone,
    description: row.description,
    completeness,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** "Ada Lovelace" → "Ada L.": strangers see a first name and an initial. */
export function displayName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return parts[0] ?? '';
  return `${parts[0]} ${[...parts[parts.length - 1]!][0]!.toUpperCase()}.`;
}

/** "14:05" in `timezone` at `now`, or null without a time zone. */
export function localTimeIn(timezone: string | null, now: Date): string | null {
  if (!timezone) return null;
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
}
