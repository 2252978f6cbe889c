/**
 * Request and response shapes of profiles, skills and talent search, for the server, the web
 * app and any client. Objects are strict: an unknown field is a validation error, never
 * stored. Text is plain: nothing a person writes is ever HTML.
 */
import { z } from 'zod';
import { RoleSchema } from './contracts.js';
import { FileSchema } from './files-contracts.js';

// C0/C1 controls except tab and line feed (text has lines), bidirectional overrides and isolates.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** One line of plain text, trimmed, at most `max` characters. */
export const plainLine = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !FORBIDDEN_IN_LINE.test(value), 'Remove control characters and line breaks.')
    .trim();

/** Plain text with line breaks (CRLF becomes LF), trimmed, at most `max` characters. */
export const plainText = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .max(max, `Use at most ${max} characters.`)
        .refine((value) => !FORBIDDEN_IN_TEXT.test(value), 'Remove control characters.')
        .trim(),
    );

const required = (schema: z.ZodType<string>, message: string) => schema.pipe(z.string().min(1, message));
/** Absent, null and "" all mean "not given" and are stored as null. */
const optionalText = (schema: z.ZodType<string>) =>
  schema
    .nullish()
    .transform((value) => (value ? value : null));

/** ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
  'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF ' +
  'GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
  'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRIES = new Set(COUNTRY_CODES);

export const CountrySchema = z
  .string()
  .max(2)
  .transform((value) => value.toUpperCase())
  .refine((value) => COUNTRIES.has(value), 'Choose a country (ISO 3166 code).');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/.test(value);
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z.string().max(64).refine(isTimeZone, 'Choose a time zone (IANA name, e.g. Europe/Paris).');

export const CurrencySchema = z.enum(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'INR']);
export type Currency = z.infer<typeof CurrencySchema>;

/** Money in minor units (cents) with its currency: {amount: 4500, currency: "USD"} is 45.00 USD. */
export const MoneySchema = z.strictObject({
  amount: z.number().int('Use whole minor units (cents).').min(0),
  currency: CurrencySchema,
});
export type Money = z.infer<typeof MoneySchema>;

/** An hourly rate from 3.00 to 999.99 in its currency. */
export const HourlyRateSchema = z.strictObject({
  amount: z.number().int('Use whole minor units (cents).').min(300, 'The lowest rate is 3.00.').max(99_999, 'The highest rate is 999.99.'),
  currency: CurrencySchema,
});

export const AvailabilitySchema = z.enum(['more_than_30', 'less_than_30', 'as_needed', 'not_available']);
export type Availability = z.infer<typeof AvailabilitySchema>;
export const VisibilitySchema = z.enum(['public', 'signed_in', 'private']);
export type Visibility = z.infer<typeof VisibilitySchema>;
export const LanguageLevelSchema = z.enum(['basic', 'conversational', 'fluent', 'native']);

export const LanguageSchema = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}$/, 'Use a language code such as "en".'),
  level: LanguageLevelSchema,
});

export const SkillIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'Choose skills from the list.');

const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

export const SkillIdsSchema = z
  .array(SkillIdSchema)
  .min(1, 'Add at least one skill.')
  .max(15, 'Add at most 15 skills.')
  .refine(uniqueIds, 'Each skill once.');

export const WebUrlSchema = z
  .url({ protocol: /^https?$/, message: 'Enter a web address starting with https:// or http://.' })
  .max(2048, 'Use at most 2048 characters.');

const YearMonthSchema = z.string().regex(/^(19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$/, 'Use the form YYYY-MM.');

/** PUT /me/profiles/freelancer: the whole profile; what is left out is cleared. */
export const FreelancerProfileInputSchema = z.strictObject({
  title: required(plainLine(70), 'Write a title.'),
  overview: optionalText(plainText(5000)),
  hourlyRate: HourlyRateSchema.nullish().transform((value) => value ?? null),
  skills: SkillIdsSchema,
  country: CountrySchema.nullish().transform((value) => value ?? null),
  timezone: TimeZoneSchema.nullish().transform((value) => value ?? null),
  availability: AvailabilitySchema.default('as_needed'),
  languages: z
    .array(LanguageSchema)
    .max(10, 'Add at most 10 languages.')
    .refine((list) => new Set(list.map((l) => l.code)).size === list.length, 'Each language once.')
    .default([]),
  visibility: VisibilitySchema.default('public'),
});
export type FreelancerProfileInput = z.infer<typeof FreelancerProfileInputSchema>;

export const CompanySizeSchema = z.enum(['just_me', '2_9', '10_99', '100_999', '1000_plus']);

/** PUT /me/profiles/client: the whole profile; what is left out is cleared. */
export const ClientProfileInputSchema = z.strictObject({
  companyName: optionalText(plainLine(100)),
  size: CompanySizeSchema.nullish().transform((value) => value ?? null),
  industry: optionalText(plainLine(100)),
  website: WebUrlSchema.nullish().transform((value) => value ?? null),
  country: CountrySchema.nullish().transform((value) => value ?? null),
  timezone: TimeZoneSchema.nullish().transform((value) => value ?? null),
  description: optionalText(plainText(5000)),
});
export type ClientProfileInput = z.infer<typeof ClientProfileInputSchema>;

const portfolioFields = {
  title: required(plainLine(100), 'Write a title.'),
  description: optionalText(plainText(2000)),
  role: optionalText(plainLine(100)),
  skills: z.array(SkillIdSchema).max(15, 'Add at most 15 skills.').refine(uniqueIds, 'Each skill once.'),
  link: WebUrlSchema.nullish().transform((value) => value ?? null),
  images: z.array(z.uuid()).max(8, 'Add at most 8 files.').refine(uniqueIds, 'Each file once.'),
};
export const PortfolioItemInputSchema = z.strictObject({
  ...portfolioFields,
  skills: portfolioFields.skills.default([]),
  images: portfolioFields.images.default([]),
});
export type PortfolioItemInput = z.infer<typeof PortfolioItemInputSchema>;
export const PortfolioItemPatchSchema = z.strictObject(portfolioFields).partial();
export type PortfolioItemPatch = z.infer<typeof PortfolioItemPatchSchema>;

const employmentFields = {
  company: required(plainLine(100), 'Write the company.'),
  title: required(plainLine(100), 'Write your title there.'),
  location: optionalText(plainLine(100)),
  country: CountrySchema.nullish().transform((value) => value ?? null),
  startMonth: YearMonthSchema,
  /** null while the job goes on. */
  endMonth: YearMonthSchema.nullish().transform((value) => value ?? null),
  description: optionalText(plainText(2000)),
};
const endsAfterStart = (entry: { startMonth?: string; endMonth?: string | null }) =>
  !entry.startMonth || !entry.endMonth || entry.endMonth >= entry.startMonth;
export const EmploymentInputSchema = z
  .strictObject(employmentFields)
  .refine(endsAfterStart, { message: 'The end comes after the start.', path: ['endMonth'] });
export const EmploymentPatchSchema = z
  .strictObject(employmentFields)
  .partial()
  .refine(endsAfterStart, { message: 'The end comes after the start.', path: ['endMonth'] });

const YearSchema = z.number().int().min(1950).max(2100);
const educationFields = {
  school: required(plainLine(150), 'Write the school.'),
  degree: optionalText(plainLine(100)),
  field: optionalText(plainLine(100)),
  startYear: YearSchema.nullish().transform((value) => value ?? null),
  endYear: YearSchema.nullish().transform((value) => value ?? null),
  description: optionalText(plainText(1000)),
};
const yearsInOrder = (entry: { startYear?: number | null; endYear?: number | null }) =>
  !entry.startYear || !entry.endYear || entry.endYear >= entry.startYear;
export const EducationInputSchema = z
  .strictObject(educationFields)
  .refine(yearsInOrder, { message: 'The end comes after the start.', path: ['endYear'] });
export const EducationPatchSchema = z
  .strictObject(educationFields)
  .partial()
  .refine(yearsInOrder, { message: 'The end comes after the start.', path: ['endYear'] });

const certificationFields = {
  name: required(plainLine(150), 'Write the certification.'),
  issuer: required(plainLine(150), 'Write who issued it.'),
  issuedMonth: YearMonthSchema,
  expiresMonth: YearMonthSchema.nullish().transform((value) => value ?? null),
  credentialId: optionalText(plainLine(100)),
  url: WebUrlSchema.nullish().transform((value) => value ?? null),
};
export const CertificationInputSchema = z.strictObject(certificationFields);
export const CertificationPatchSchema = z.strictObject(certificationFields).partial();

export const EntryIdParamsSchema = z.strictObject({ id: z.uuid() });
export const RoleRequestSchema = z.strictObject({ role: RoleSchema });

// ---- answers ----

export const CompletenessItemSchema = z.enum([
  'photo',
  'overview',
  'skills',
  'employment',
  'title',
  'hourly_rate',
  'portfolio',
  'more_employment',
  'education',
  'certification',
  'languages',
  'verified_phone',
  'company_name',
  'description',
  'industry',
  'size',
  'website',
  'country',
  'timezone',
]);
export type CompletenessItem = z.infer<typeof CompletenessItemSchema>;

export const CompletenessSchema = z.object({
  percent: z.number().int(),
  /** What to add next, the largest gain first. */
  missing: z.array(z.object({ item: CompletenessItemSchema, percent: z.number().int() })),
});
export type Completeness = z.infer<typeof CompletenessSchema>;

export const SkillSchema = z.object({ id: z.string(), name: z.string(), categoryId: z.string() });
export const CategorySchema = z.object({ id: z.string(), name: z.string(), skillCount: z.number().int() });
export const SkillListSchema = z.object({ skills: z.array(SkillSchema) });
export const CategoryListSchema = z.object({ categories: z.array(CategorySchema) });
export const SkillQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  category: z.string().max(64).optional(),
});

export const PhotoSchema = z.object({ url: z.string(), thumbnailUrl: z.string().nullable(), width: z.number().int(), height: z.number().int() });

export const PortfolioItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  role: z.string().nullable(),
  skills: z.array(SkillSchema),
  link: z.string().nullable(),
  images: z.array(FileSchema),
  createdAt: z.string(),
});
export const EmploymentSchema = z.object({
  id: z.uuid(),
  company: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  country: z.string().nullable(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  description: z.string().nullable(),
});
export const EducationSchema = z.object({
  id: z.uuid(),
  school: z.string(),
  degree: z.string().nullable(),
  field: z.string().nullable(),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  description: z.string().nullable(),
});
export const CertificationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  issuer: z.string(),
  issuedMonth: z.string(),
  expiresMonth: z.string().nullable(),
  credentialId: z.string().nullable(),
  url: z.string().nullable(),
});

const freelancerFacts = {
  title: z.string().nullable(),
  overview: z.string().nullable(),
  hourlyRate: MoneySchema.nullable(),
  skills: z.array(SkillSchema),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  availability: AvailabilitySchema,
  languages: z.array(LanguageSchema),
  photo: PhotoSchema.nullable(),
  portfolio: z.array(PortfolioItemSchema),
  employment: z.array(EmploymentSchema),
  education: z.array(EducationSchema),
  certifications: z.array(CertificationSchema),
};

/** The owner's view of their freelancer profile. */
export const FreelancerProfileSchema = z.object({
  ...freelancerFacts,
  visibility: VisibilitySchema,
  completeness: CompletenessSchema,
  updatedAt: z.string(),
});
export type FreelancerProfile = z.infer<typeof FreelancerProfileSchema>;

export const ClientProfileSchema = z.object({
  companyName: z.string().nullable(),
  size: CompanySizeSchema.nullable(),
  industry: z.string().nullable(),
  website: z.string().nullable(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  description: z.string().nullable(),
  completeness: CompletenessSchema,
  updatedAt: z.string(),
});
export type ClientProfile = z.infer<typeof ClientProfileSchema>;

/** GET /me/profiles: both profiles, null where not started. */
export const MyProfilesSchema = z.object({
  roles: z.array(RoleSchema),
  freelancer: FreelancerProfileSchema.nullable(),
  client: ClientProfileSchema.nullable(),
});
export type MyProfiles = z.infer<typeof MyProfilesSchema>;

/** GET /freelancers/:id: what others see. */
export const PublicFreelancerSchema = z.object({
  id: z.uuid(),
  /** First name and the initial of the last ("Ada L."), as marketplaces show strangers. */
  name: z.string(),
  ...freelancerFacts,
  /** The freelancer's time now, "HH:MM", when a time zone is set. */
  localTime: z.string().nullable(),
  memberSince: z.string(),
  stats: z.object({
    jobsCompleted: z.number().int(),
    /** e.g. "$10K+"; null until contracts exist. */
    earningsBand: z.string().nullable(),
    /** 0-100; null until enough contracts have ended. */
    jobSuccessScore: z.number().int().nullable(),
  }),
});
export type PublicFreelancer = z.infer<typeof PublicFreelancerSchema>;

const listParam = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).max(max, `Choose at most ${max}.`));

export const TalentSortSchema = z.enum(['relevance', 'rate_asc', 'rate_desc', 'newest']);
export type TalentSort = z.infer<typeof TalentSortSchema>;

/** GET /freelancers: talent search. Lists take "a,b" or repeated parameters. */
export const TalentSearchQuerySchema = z.strictObject({
  q: z.string().max(200).trim().optional(),
  skills: listParam(SkillIdSchema, 15).optional(),
  rateMin: z.coerce.number().int().min(0).max(99_999).optional(),
  rateMax: z.coerce.number().int().min(0).max(99_999).optional(),
  /** The currency rateMin and rateMax are in; only rates in it are compared (no conversion). */
  currency: CurrencySchema.default('USD'),
  country: listParam(CountrySchema, 20).optional(),
  availability: listParam(AvailabilitySchema, 4).optional(),
  sort: TalentSortSchema.default('relevance'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TalentSearchQuery = z.infer<typeof TalentSearchQuerySchema>;

export const FreelancerCardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  photo: PhotoSchema.nullable(),
  title: z.string(),
  overview: z.string().nullable(),
  hourlyRate: MoneySchema.nullable(),
  skills: z.array(SkillSchema),
  country: z.string().nullable(),
  availability: AvailabilitySchema,
});
export type FreelancerCard = z.infer<typeof FreelancerCardSchema>;

export const RateBandSchema = z.object({ min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() });

export const TalentSearchResultSchema = z.object({
  results: z.array(FreelancerCardSchema),
  /** How many profiles match, over all pages. */
  total: z.number().int(),
  /** Counts for each filter's values with the other filters applied. */
  facets: z.object({
    skills: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
    countries: z.array(z.object({ code: z.string(), count: z.number().int() })),
    availability: z.array(z.object({ value: AvailabilitySchema, count: z.number().int() })),
    rates: z.array(RateBandSchema),
  }),
  nextCursor: z.string().nullable(),
});
export type TalentSearchResult = z.infer<typeof TalentSearchResultSchema>;
