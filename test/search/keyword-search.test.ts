import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { pageToEnd } from '../support/paging.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SEARCH_PAPERS } from '../support/seed-papers.ts';

/** Papers that score the same for their shared words, so paging has ties to get right. */
const TIED = Array.from({ length: 45 }, (_, i) => ({
  id: `2602.${String(i + 1).padStart(5, '0')}`,
  title: `Quokka habitat survey ${i + 1}`,
  abstract: 'Quokka burrows counted on the island.',
  authors: ['Field Team'],
  categories: ['q-bio.PE'],
  listingDate: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
}));

describe.each(dialects)('keyword search (%s)', (dialect) => {
  let t: TestRuntime;
  const ids = async (q: string, extra: Record<string, unknown> = {}) =>
    (await t.runtime.search.search({ q, mode: 'keyword', ...extra })).hits.map((h) => h.paper.id);

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const { runtime } = t;
    await runtime.papers.store([...SEARCH_PAPERS, ...TIED], { source: 'test' });
  });
  afterAll(() => t.cleanup());

  it('ranks a title match above an abstract mention', async () => {
    const found = await ids('model merging');
    expect(found[0]).toBe('2601.00001');
    expect(found).toContain('2601.00002');
  });

  it('stems words, so "transformer" finds "Transformers"', async () => {
    expect((await ids('transformer'))[0]).toBe('2601.00005');
  });

  it('requires quoted phrases in order', async () => {
    const found = await ids('"model merging"');
    expect(found.sort()).toEqual(['2601.00001', '2601.00002']);
  });

  it('filters by author, category, code and dates', async () => {
    expect((await ids('models author:turing')).sort()).toEqual(['2601.00001', '2601.00003']);
    expect((await ids('author:"claude shannon"')).sort()).toEqual(['2601.00003']);
    expect(await ids('models cat:cs.cv')).toEqual(['2601.00002']);
    expect((await ids('models has:code')).sort()).toEqual(['2601.00001', '2601.00005']);
    expect(await ids('models', { from: '2026-02-01', to: '2026-02-28' })).toEqual(['2601.00003']);
    expect(await ids('models', { categories: ['q-bio.BM'] })).toEqual(['2601.00004']);
  });

  it('leaves out excluded words', async () => {
    const found = await ids('models -diffusion');
    expect(found).not.toContain('2601.00002');
    expect(found).toContain('2601.00001');
  });

  it('matches a typed prefix', async () => {
    expect(await ids('reinforc*')).toEqual(['2601.00003']);
    const suggestions = await t.runtime.search.suggest('graph neur');
    expect(suggestions).toEqual([
      { id: '2601.00004', title: 'Graph Neural Networks for Molecules' },
    ]);
  });

  it('marks matches in structured highlights', async () => {
    const result = await t.runtime.search.search({ q: 'merging', mode: 'keyword' });
    const title = result.hits[0]!.highlights.title;
    expect(title.map((p) => p.text).join('')).toBe('Model Merging for Large Language Models');
    expect(title.filter((p) => p.match).map((p) => p.text)).toEqual(['Merging']);
    expect(result.hits[0]!.highlights.abstract.some((p) => p.match)).toBe(true);
  });

  it('counts all matches and pages through them', async () => {
    const first = await t.runtime.search.search({ q: 'models', mode: 'keyword', limit: 2 });
    expect(first.total).toBe(5);
    const second = await t.runtime.search.search({
      q: 'models',
      mode: 'keyword',
      limit: 2,
      offset: 2,
    });
    expect(second.hits.map((h) => h.paper.id)).not.toContain(first.hits[0]!.paper.id);
  });

  it('pages to the end in every order: each match once, as many as the total', async () => {
    for (const [q, expected] of [
      ['models', 5],
      ['quokka', TIED.length],
    ] as const)
      for (const sort of ['relevance', 'date', 'trending'] as const) {
        const read = async (offset: number, limit: number) => {
          const r = await t.runtime.search.search({ q, mode: 'keyword', sort, limit, offset });
          return { ids: r.hits.map((h) => h.paper.id), total: r.total };
        };
        const all = await pageToEnd(read, q === 'models' ? 2 : 10, `${q} by ${sort}`);
        expect(all).toHaveLength(expected);
        // Paging changes nothing about the order: the pages are the one long list, cut.
        expect(all).toEqual((await read(0, 100)).ids);
      }
    const tied = await pageToEnd(async (offset, limit) => {
      const r = await t.runtime.search.search({ q: 'quokka', mode: 'keyword', limit, offset });
      return { ids: r.hits.map((h) => h.paper.id), total: r.total };
    }, 7);
    expect([...tied].sort()).toEqual(TIED.map((p) => p.id));
  });

  it('sorts by date when asked', async () => {
    const found = await ids('models', { sort: 'date' });
    expect(found[0]).toBe('2601.00005');
  });

  it('answers hostile input without an error', async () => {
    for (const q of [
      '"',
      'AND OR',
      '*',
      'NEAR(',
      '-',
      '😀 models',
      'a'.repeat(10_000),
      ')(',
      "'; drop table papers; --",
      'title:',
      'cat:"',
      'author:',
    ]) {
      const result = await t.runtime.search.search({ q });
      expect(Array.isArray(result.hits)).toBe(true);
    }
  });

  it('rejects malformed filters with a 400', async () => {
    await expect(t.runtime.search.search({ q: 'x', from: '2026-1-1' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(t.runtime.search.search({ q: 'x', limit: 0 })).rejects.toMatchObject({
      status: 400,
    });
  });
});
