import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userIdReference } from '../accounts/index.js';
import { fileIdReference } from '../files/index.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A person's freelancer profile (one per account). `search_vector` (title A, skill names B,
 * overview C) and `completeness` are written by the service with every change, so talent
 * search reads them from one row. Rates are integer minor units with their currency.
 */
export const freelancerProfiles = pgTable(
  'freelancer_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(userIdReference, { onDelete: 'cascade' }),
    title: text('title'),
    overview: text('overview'),
    hourlyRateAmount: integer('hourly_rate_amount'),
    hourlyRateCurrency: text('hourly_rate_currency'),
    skillIds: text('skill_ids').array().notNull().default(sql`'{}'::text[]`),
    country: text('country'),
    timezone: text('timezone'),
    availability: text('availability', { enum: ['more_than_30', 'less_than_30', 'as_needed', 'not_available'] })
      .notNull()
      .default('as_needed'),
    languages: jsonb('languages').$type<{ code: string; level: 'basic' | 'conversational' | 'fluent' | 'native' }[]>().notNull().default([]),
    visibility: text('visibility', { enum: ['public', 'signed_in', 'private'] }).notNull().default('public'),
    photoFileId: uuid('photo_file_id').references(fileIdReference, { onDelete: 'set null' }),
    completeness: smallint('completeness').notNull().default(0),
    searchVector: tsvector('search_vector'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('freelancer_rate_whole', sql`(${t.hourlyRateAmount} is null) = (${t.hourlyRateCurrency} is null)`),
    index('freelancer_profiles_search_idx').using('gin', t.searchVector),
    index('freelancer_profiles_skills_idx').using('gin', t.skillIds),
    index('freelancer_profiles_country_idx').on(t.country),
    index('freelancer_profiles_rate_idx').on(t.hourlyRateCurrency, t.hourlyRateAmount, t.userId),
    index('freelancer_profiles_created_idx').on(t.createdAt, t.userId),
    index('freelancer_profiles_completeness_idx').on(t.completeness, t.userId),
  ],
);

/** A person's client profile: the business that hires. */
export const clientProfiles = pgTable('client_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(userIdReference, { onDelete: 'cascade' }),
  companyName: text('company_name'),
  size: text('size', { enum: ['just_me', '2_9', '10_99', '100_999', '1000_plus'] }),
  industry: text('industry'),
  website: text('website'),
  country: text('country'),
  timezone: text('timezone'),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

const ownedByFreelancer = () =>
  uuid('user_id')
    .notNull()
    .references(() => freelancerProfiles.userId, { onDelete: 'cascade' });

export const portfolioItems = pgTable(
  'portfolio_items',
  {
    id: uuid('id').primaryKey(),
    userId: ownedByFreelancer(),
    title: text('title').notNull(),
    description: text('description'),
    role: text('role'),
    skillIds: text('skill_ids').array().notNull(),
    link: text('link'),
    /** Up to 8 files of purpose 'portfolio', in display order. */
    imageFileIds: uuid('image_file_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('portfolio_items_user_idx').on(t.userId, t.createdAt)],
);

export const employmentEntries = pgTable(
  'employment_entries',
  {
    id: uuid('id').primaryKey(),
    userId: ownedByFreelancer(),
    company: text('company').notNull(),
    title: text('title').notNull(),
    location: text('location'),
    country: text('country'),
    /** "YYYY-MM"; end null while the job goes on. */
    startMonth: text('start_month').notNull(),
    endMonth: text('end_month'),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('employment_entries_user_idx').on(t.userId)],
);

export const educationEntries = pgTable(
  'education_entries',
  {
    id: uuid('id').primaryKey(),
    userId: ownedByFreelancer(),
    school: text('school').notNull(),
    degree: text('degree'),
    field: text('field'),
    startYear: integer('start_year'),
    endYear: integer('end_year'),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('education_entries_user_idx').on(t.userId)],
);

export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey(),
    userId: ownedByFreelancer(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    issuedMonth: text('issued_month').notNull(),
    expiresMonth: text('expires_month'),
    credentialId: text('credential_id'),
    url: text('url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('certifications_user_idx').on(t.userId)],
);

/**
 * Accounts whose profiles are hidden from pages and search: set and cleared by the admin
 * module (a higher layer) in the transaction that suspends or lifts, through this module's
 * door. `until` null means until lifted.
 */
export const profileHolds = pgTable('profile_holds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(userIdReference, { onDelete: 'cascade' }),
  until: timestamp('until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type FreelancerRow = typeof freelancerProfiles.$inferSelect;
export type ClientRow = typeof clientProfiles.$inferSelect;
export type PortfolioRow = typeof portfolioItems.$inferSelect;
export type EmploymentRow = typeof employmentEntries.$inferSelect;
export type EducationRow = typeof educationEntries.$inferSelect;
export type CertificationRow = typeof certifications.$inferSelect;
