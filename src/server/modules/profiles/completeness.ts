/**
 * How complete a profile is, with the weights written in docs/profiles.md. Upwork tells new
 * freelancers that a photo, an overview, skills and work history matter most: those four
 * make half. `missing` lists what to add next, the largest gain first.
 */
import type { Completeness, CompletenessItem } from '../../../shared/profiles-contracts.js';

/** An overview this long or longer counts (Upwork asks for at least 100 characters). */
export const OVERVIEW_MIN_CHARACTERS = 100;

export const FREELANCER_WEIGHTS = {
  photo: 15,
  overview: 15,
  skills: 10,
  employment: 10,
  portfolio: 10,
  education: 10,
  title: 5,
  hourly_rate: 5,
  more_employment: 5,
  certification: 5,
  languages: 5,
  verified_phone: 5,
} as const satisfies Partial<Record<CompletenessItem, number>>;

export const CLIENT_WEIGHTS = {
  description: 25,
  company_name: 20,
  country: 15,
  industry: 10,
  size: 10,
  website: 10,
  timezone: 10,
} as const satisfies Partial<Record<CompletenessItem, number>>;

export interface FreelancerFacts {
  hasPhoto: boolean;
  overview: string | null;
  skillCount: number;
  employmentCount: number;
  portfolioCount: number;
  educationCount: number;
  certificationCount: number;
  languageCount: number;
  hasTitle: boolean;
  hasRate: boolean;
  phoneVerified: boolean;
}

function measure<K extends CompletenessItem>(weights: Record<K, number>, done: Record<K, boolean>): Completeness {
  const items = Object.keys(weights) as K[];
  const percent = items.reduce((sum, item) => sum + (done[item] ? weights[item] : 0), 0);
  const missing = items
    .filter((item) => !done[item])
    .map((item) => ({ item, percent: weights[item] }))
    .sort((a, b) => b.percent - a.percent);
  return { percent, missing };
}

export function freelancerCompleteness(facts: FreelancerFacts): Completeness {
  return measure(FREELANCER_WEIGHTS, {
    photo: facts.hasPhoto,
    overview: (facts.overview?.length ?? 0) >= OVERVIEW_MIN_CHARACTERS,
    skills: facts.skillCount >= 1,
    employment: facts.employmentCount >= 1,
    portfolio: facts.portfolioCount >= 1,
    education: facts.educationCount >= 1,
    title: facts.hasTitle,
    hourly_rate: facts.hasRate,
    more_employment: facts.employmentCount >= 2,
    certification: facts.certificationCount >= 1,
    languages: facts.languageCount >= 1,
    verified_phone: facts.phoneVerified,
  });
}

export function clientCompleteness(profile: {
  companyName: string | null;
  description: string | null;
  country: string | null;
  industry: string | null;
  size: string | null;
  website: string | null;
  timezone: string | null;
}): Completeness {
  return measure(CLIENT_WEIGHTS, {
    description: profile.description !== null,
    company_name: profile.companyName !== null,
    country: profile.country !== null,
    industry: profile.industry !== null,
    size: profile.size !== null,
    website: profile.website !== null,
    timezone: profile.timezone !== null,
  });
}
