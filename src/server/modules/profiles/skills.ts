/**
 * The skills taxonomy, shipped as data (skills-taxonomy.json) and held in memory: a few
 * hundred names need no database, answer identically on PGlite and PostgreSQL, and can be
 * searched for prefixes and typos in microseconds. Ids are slugs of the names and never
 * change once shipped (profiles store them).
 */
import { createRequire } from 'node:module';
import type Taxonomy from './skills-taxonomy.json';

// Read with require: the compiled server (scripts/build-server-if-stale.mjs) keeps the file
// beside this one, and an import attribute would not survive the compile for Node 20.
const taxonomy: typeof Taxonomy = createRequire(import.meta.url)('./skills-taxonomy.json');

export interface Skill {
  id: string;
  name: string;
  categoryId: string;
}

export interface Category {
  id: string;
  name: string;
  skillCount: number;
}

/** "C++" → "c-plus-plus", ".NET" → "dot-net", "Node.js" → "node-js". */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+/g, '-plus-')
    .replace(/#/g, '-sharp-')
    .replace(/^\./, 'dot-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Lower case, accents off, one space between words. */
function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

// Short forms people type that the names do not contain.
const ALIASES: Record<string, string[]> = {
  javascript: ['js', 'ecmascript'],
  typescript: ['ts'],
  kubernetes: ['k8s'],
  postgresql: ['postgres'],
  go: ['golang'],
  react: ['react.js', 'reactjs'],
  'vue-js': ['vue', 'vuejs'],
  'node-js': ['node', 'nodejs'],
  'c-sharp': ['csharp'],
  'c-plus-plus': ['cpp'],
  'microsoft-excel': ['excel'],
  'amazon-web-services': ['aws'],
  'google-cloud-platform': ['gcp'],
  'search-engine-optimization': ['seo'],
  'user-research': ['ux research'],
};

interface Entry extends Skill {
  /** The normalized name, its words, and aliases (with initials of multi-word names: "seo"). */
  forms: string[];
  words: string[];
}

const categories: Category[] = taxonomy.categories.map((c) => ({ id: c.id, name: c.name, skillCount: c.skills.length }));
const entries: Entry[] = taxonomy.categories.flatMap((category) =>
  category.skills.map((name) => {
    const id = slugOf(name);
    const normalized = normalize(name);
    const words = normalized.split(/[\s/-]+/).filter(Boolean);
    const initials = words.length >= 2 ? [words.map((w) => w[0]).join('')] : [];
    return { id, name, categoryId: category.id, words, forms: [normalized, ...initials, ...(ALIASES[id] ?? [])] };
  }),
);
const byId = new Map(entries.map((entry) => [entry.id, entry]));

export function listCategories(): Category[] {
  return categories;
}

export function listSkills(categoryId?: string): Skill[] {
  return entries.filter((e) => !categoryId || e.categoryId === categoryId).map(toSkill);
}

export function findSkill(id: string): Skill | undefined {
  const entry = byId.get(id);
  return entry && toSkill(entry);
}

/** The ids among `ids` that are not in the taxonomy. */
export function unknownSkillIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !byId.has(id));
}

/** Skill names for ids, in order (unknown ids are left out). */
export function skillNames(ids: readonly string[]): string[] {
  return ids.flatMap((id) => byId.get(id)?.name ?? []);
}

function toSkill(entry: Entry): Skill {
  return { id: entry.id, name: entry.name, categoryId: entry.categoryId };
}

/** Edit distance with transpositions (optimal string alignment), giving up past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous = before;
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** How well `query` names `entry`: exact 100, prefix 90, a word's prefix 80, inside 60, a typo away 40-50; 0 for no match. */
function score(entry: Entry, query: string): number {
  if (entry.forms.includes(query)) return 100;
  if (entry.forms.some((form) => form.startsWith(query))) return 90;
  if (entry.words.some((word) => word.startsWith(query))) return 80;
  if (entry.forms[0]!.includes(query)) return 60;
  if (query.length < 3) return 0;
  const limit = query.length <= 5 ? 1 : 2;
  // A typo in what was typed so far: compare with the name's (or a word's) start of about the
  // same length, so a dropped, doubled or swapped letter still finds it.
  let distance = limit + 1;
  for (const candidate of [entry.forms[0]!, ...entry.words]) {
    for (let length = query.length - limit; length <= query.length + limit; length += 1) {
      distance = Math.min(distance, editDistance(query, candidate.slice(0, length), limit));
    }
  }
  return distance <= limit ? 50 - 10 * distance : 0;
}

/** Skills matching what a person typed, best first: prefixes, then words, then near misses. */
export function searchSkills(text: string, limit = 20): Skill[] {
  const query = normalize(text);
  if (!query) return listSkills().slice(0, limit);
  return entries
    .map((entry) => ({ entry, score: score(entry, query) }))
    .filter((match) => match.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.name.length - b.entry.name.length || a.entry.name.localeCompare(b.entry.name))
    .slice(0, limit)
    .map((match) => toSkill(match.entry));
}
