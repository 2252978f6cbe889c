/** The shipped skills taxonomy and its matching: prefixes, words, short forms and typos. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editDistance, listCategories, listSkills, searchSkills, slugOf } from '../../src/server/modules/profiles/skills.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('the taxonomy', () => {
  it('ships at least 500 skills in at least 10 categories, with unique stable ids', () => {
    const skills = listSkills();
    expect(skills.length).toBeGreaterThanOrEqual(500);
    expect(listCategories().length).toBeGreaterThanOrEqual(10);
    expect(new Set(skills.map((s) => s.id)).size).toBe(skills.length);
    expect(new Set(skills.map((s) => s.name.toLowerCase())).size).toBe(skills.length);
    for (const category of listCategories()) expect(category.skillCount).toBe(listSkills(category.id).length);
  });

  it('makes ids that survive the symbols of real skill names', () => {
    expect(['C', 'C#', 'C++', '.NET', 'Node.js', 'ASP.NET Core'].map(slugOf)).toEqual(['c', 'c-sharp', 'c-plus-plus', 'dot-net', 'node-js', 'asp-net-core']);
  });

  it('counts edits with transpositions', () => {
    expect(editDistance('pyhton', 'python', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('matching what people type', () => {
  const first = (query: string) => searchSkills(query)[0]?.name;

  it.each([
    ['reac', 'React'],
    ['figm', 'Figma'],
    ['ocean', 'DigitalOcean'],
    ['seo', 'Search Engine Optimization'],
    ['k8s', 'Kubernetes'],
    ['js', 'JavaScript'],
    ['c++', 'C++'],
    ['Ｒｅａｃｔ', 'React'],
    ['javascrpit', 'JavaScript'],
    ['pyhton', 'Python'],
    ['kubernets', 'Kubernetes'],
    ['photshop', 'Adobe Photoshop'],
    ['machin lerning', 'Machine Learning'],
  ])('%s finds %s first', (query, name) => {
    expect(first(query)).toBe(name);
  });

  it('finds nothing for what is not near any skill', () => {
    expect(searchSkills('qqqqzzzz')).toEqual([]);
  });
});

describe('GET /skills and GET /categories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answer anyone, signed in or not', async () => {
    const categories = await t.request('GET', '/api/v1/categories');
    expect(categories.statusCode).toBe(200);
    expect(categories.json().categories.length).toBeGreaterThanOrEqual(10);
    const all = await t.request('GET', '/api/v1/skills');
    expect(all.json().skills.length).toBeGreaterThanOrEqual(500);
    const typo = await t.request('GET', '/api/v1/skills?q=javascrpit');
    expect(typo.json().skills[0]).toMatchObject({ id: 'javascript', name: 'JavaScript' });
    const design = await t.request('GET', '/api/v1/skills?category=design-creative');
    expect(design.json().skills.every((s: { categoryId: string }) => s.categoryId === 'design-creative')).toBe(true);
  });

  it('refuses an overlong query', async () => {
    const response = await t.request('GET', `/api/v1/skills?q=${'a'.repeat(101)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
