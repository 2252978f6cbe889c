/**
 * Writes many profiles at once for demo data and benchmarks, with the same search document
 * and completeness that the service writes one profile at a time. Rows that exist are left
 * as they are, so importing twice changes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { freelancerCompleteness } from './completeness.js';
import { searchVectorOf } from './profiles.queries.js';
import {
  certifications,
  clientProfiles,
  educationEntries,
  employmentEntries,
  freelancerProfiles,
  portfolioItems,
} from './profiles.table.js';
import { skillNames, unknownSkillIds } from './skills.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoFreelancer {
  profile: Omit<Insert<typeof freelancerProfiles>, 'searchVector' | 'completeness' | 'photoFileId'>;
  portfolio: Omit<Insert<typeof portfolioItems>, 'userId'>[];
  employment: Omit<Insert<typeof employmentEntries>, 'userId'>[];
  education: Omit<Insert<typeof educationEntries>, 'userId'>[];
  certifications: Omit<Insert<typeof certifications>, 'userId'>[];
}

export interface DemoProfiles {
  freelancers: DemoFreelancer[];
  clients: Insert<typeof clientProfiles>[];
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Imports profiles of existing accounts in one transaction; answers how many freelancer profiles were new. */
export async function importDemoProfiles(db: Database, data: DemoProfiles): Promise<number> {
  for (const { profile } of data.freelancers) {
    const unknown = unknownSkillIds(profile.skillIds ?? []);
    if (unknown.length > 0) throw new Error(`demo profile uses unknown skills: ${unknown.join(', ')}`);
  }
  return db.transaction(async (tx) => {
    const rows = data.freelancers.map(({ profile, ...lists }) => {
      const completeness = freelancerCompleteness({
        hasPhoto: false,
        overview: profile.overview ?? null,
        skillCount: profile.skillIds?.length ?? 0,
        employmentCount: lists.employment.length,
        portfolioCount: lists.portfolio.length,
        educationCount: lists.education.length,
        certificationCount: lists.certifications.length,
        languageCount: profile.languages?.length ?? 0,
        hasTitle: Boolean(profile.title),
        hasRate: profile.hourlyRateAmount != null,
        phoneVerified: false,
      });
      return {
        ...profile,
        completeness: completeness.percent,
        searchVector: searchVectorOf(sql`${profile.title ?? null}::text`, skillNames(profile.skillIds ?? []).join(', '), sql`${profile.overview ?? null}::text`) as unknown as string,
      };
    });
    let created: string[] = [];
    await insertChunked(rows, async (chunk) => {
      const inserted = await tx.insert(freelancerProfiles).values(chunk).onConflictDoNothing().returning({ userId: freelancerProfiles.userId });
      created = created.concat(inserted.map((row) => row.userId));
    });
    const fresh = new Set(created);
    const mine = data.freelancers.filter((f) => fresh.has(f.profile.userId));
    const own = <T>(f: DemoFreelancer, entries: T[]) => entries.map((entry) => ({ ...entry, userId: f.profile.userId }));
    await insertChunked(mine.flatMap((f) => own(f, f.portfolio)), (chunk) => tx.insert(portfolioItems).values(chunk));
    await insertChunked(mine.flatMap((f) => own(f, f.employment)), (chunk) => tx.insert(employmentEntries).values(chunk));
    await insertChunked(mine.flatMap((f) => own(f, f.education)), (chunk) => tx.insert(educationEntries).values(chunk));
    await insertChunked(mine.flatMap((f) => own(f, f.certifications)), (chunk) => tx.insert(certifications).values(chunk));
    await insertChunked(data.clients, (chunk) => tx.insert(clientProfiles).values(chunk).onConflictDoNothing());
    return created.length;
  });
}
