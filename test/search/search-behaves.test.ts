import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../src/domain/paper.ts';
import type { SearchMode, SearchQuery, SearchResult } from '../../src/search/search.types.ts';
import { offsetCursor } from '../../src/web/api/cursor.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedSamplePapers } from '../support/shared-data.ts';

const MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];

/** Real arXiv papers from the shared sample; some get a code repository for `has:code`. */
function samplePapers(): PaperRecord[] {
  return sharedSamplePapers(390).map((p, i) =>
    i % 5 === 0 ? { ...p, codeRepo: `github:example/repo-${i}` } : p,
  );
}

/** Papers whose authors' names differ by what a stemmer removes, by initials and by accents. */
const NAMED: PaperRecord[] = [
  {
    id: '2612.90001',
    title: 'Metric learning for nearest neighbour classification',
    abstract:
      'We learn a distance metric so that nearest neighbours share labels; language models are not used.',
    authors: ['Kilian Q. Weinberger', 'Lawrence K. Saul'],
    categories: ['cs.LG'],
    listingDate: '2026-01-10',
  },
  {
    id: '2612.90002',
    title: 'Gravitation and cosmology for language models',
    abstract:
      'Principles and applications of the general theory of relativity, told to language models.',
    authors: ['Steven Weinberg'],
    categories: ['gr-qc'],
    listingDate: '2026-01-11',
  },
  {
    id: '2612.90003',
    title: 'Measure theory and language models',
    abstract: 'Probability measures over sequences produced by language models.',
    authors: ['Émile Borel'],
    categories: ['math.PR'],
    listingDate: '2026-01-12',
  },
  {
    id: '2612.90005',
    title: 'Kernel machines for language models',
    abstract: 'Support vector machines and kernels applied to language models.',
    authors: ['Klaus-Robert Müller'],
    categories: ['cs.LG'],
    listingDate: '2026-01-14',
  },
  {
    id: '2612.90006',
    title: 'Cooling spin chains to -2 kelvin',
    abstract:
      'Spin chains cooled below 2 kelvin order magnetically; a minus sign marks the offset.',
    authors: ['Lise Meitner'],
    categories: ['cond-mat.str-el'],
    listingDate: '2026-01-15',
  },
  {
    id: '2612.90004',
    title: 'What Is It?',
    abstract: 'A paper whose title is made of common words only, about metric spaces.',
    authors: ['Ada Lovelace'],
    categories: ['math.GM'],
    listingDate: '2026-01-13',
  },
];

/** Folded words of a text, as a reader would split them (no stemming). */
const wordsOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describe.skipIf(!hasSharedData).each(dialects)('search that behaves (%s)', (dialect) => {
  let t: TestRuntime;
  const papers = samplePapers();
  const all = [...papers, ...NAMED];

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const { runtime } = t;
    await runtime.papers.store(all, { source: 'test' });
    // Semantic search is started here, whatever the test runtime does by default.
    runtime.search.start();
    await runtime.search.semantic!.idle();
    await runtime.search.keyword.idle();
  }, 120_000);
  afterAll(() => t.cleanup());

  const search = (q: SearchQuery) => t.runtime.search.search(q);
  const ids = (r: SearchResult) => r.hits.map((h) => h.paper.id);

  it('is ready on both sides before the checks', () => {
    const status = t.runtime.search.status();
    expect(status.keyword).toBe('ready');
    expect(status.semantic).toBe('ready');
    expect(status.indexed).toBe(all.length);
    expect(status.model!.similarityFloor).toBeGreaterThan(0);
  });

  it.each(MODES)('returns nothing for made-up words in %s mode', async (mode) => {
    for (const q of ['xqzzv blorptang', 'zzzzqqqxx']) {
      const r = await search({ q, mode, limit: 100 });
      expect(r.total).toBe(0);
      expect(r.hits).toEqual([]);
    }
  });

  it.each(MODES)('suggests a spelling when a word is misspelled (%s mode)', async (mode) => {
    const r = await search({ q: 'langauge', mode });
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe('language');
  });

  it.each(MODES)(
    'answers stopword-only queries as a title, never arbitrary papers (%s)',
    async (mode) => {
      const none = await search({ q: 'the of and', mode, limit: 100 });
      const expected = all.filter((p) => wordsOf(p.title).join(' ') === 'the of and');
      expect(none.total).toBe(expected.length);
      expect(ids(none)).toEqual(expected.map((p) => p.id));
      const titled = await search({ q: 'what is it', mode, limit: 100 });
      expect(ids(titled)).toEqual(['2612.90004']);
      expect(titled.total).toBe(1);
    },
  );

  it.each(MODES)(
    'pages through one fixed list in %s mode: each paper once, one total',
    async (mode) => {
      const limit = 9;
      const first = await search({ q: 'learning models', mode, limit });
      expect(first.total).toBeGreaterThan(limit * 2);
      const seen: string[] = [];
      for (let offset = 0; offset < first.total; offset += limit) {
        const page = await search({ q: 'learning models', mode, limit, offset });
        expect(page.total).toBe(first.total);
        expect(page.outOfRange).toBeUndefined();
        expect(page.hits.length).toBe(Math.min(limit, first.total - offset));
        seen.push(...ids(page));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(first.total);
      const past = await search({ q: 'learning models', mode, limit, offset: first.total });
      expect(past.outOfRange).toBe(true);
      expect(past.hits).toEqual([]);
      expect(past.total).toBe(first.total);
    },
  );

  const byId = new Map(all.map((p) => [p.id, p]));
  const paperOf = (id: string) => byId.get(id)!;

  describe.each(['semantic', 'hybrid'] as SearchMode[])('operators bind %s results', (mode) => {
    it('keeps phrases: every hit holds the words in order, and no more papers than keyword', async () => {
      const q = '"language models"';
      const r = await search({ q, mode, limit: 100 });
      expect(r.total).toBeGreaterThan(0);
      for (const id of ids(r)) {
        const p = paperOf(id);
        const text = [wordsOf(p.title).join(' '), wordsOf(p.abstract).join(' ')].join(' | ');
        expect(text).toMatch(/\blanguage models?\b|\blanguage modell/);
      }
      // Every candidate holds the phrase, so semantic ranking adds no paper keyword search lacks.
      const keyword = await search({ q, mode: 'keyword', limit: 100 });
      if (mode === 'hybrid') expect(r.total).toBe(keyword.total);
      else expect(r.total).toBeLessThanOrEqual(keyword.total);
    });

    it('leaves out -word', async () => {
      const r = await search({ q: 'language models -transformer -transformers', mode, limit: 100 });
      expect(r.total).toBeGreaterThan(0);
      for (const id of ids(r)) {
        const p = paperOf(id);
        expect(wordsOf(`${p.title} ${p.abstract}`)).not.toContain('transformer');
        expect(wordsOf(`${p.title} ${p.abstract}`)).not.toContain('transformers');
      }
    });

    it('keeps cat:, has:code and dates', async () => {
      const cat = await search({ q: 'language models cat:cs.CV', mode, limit: 100 });
      expect(cat.total).toBeGreaterThan(0);
      for (const id of ids(cat)) expect(paperOf(id).categories).toContain('cs.CV');
      const code = await search({ q: 'language models has:code', mode, limit: 100 });
      expect(code.total).toBeGreaterThan(0);
      // The stored repository (links found in abstracts count too), never a paper without one.
      for (const hit of code.hits) expect(hit.paper.codeRepo).toMatch(/\S/);
      const days = all.map((p) => p.listingDate!).sort();
      const from = days[Math.floor(days.length / 3)]!;
      const to = days[Math.floor((days.length * 2) / 3)]!;
      const dated = await search({ q: 'language models', mode, from, to, limit: 100 });
      expect(dated.total).toBeGreaterThan(0);
      for (const id of ids(dated)) {
        expect(paperOf(id).listingDate! >= from).toBe(true);
        expect(paperOf(id).listingDate! <= to).toBe(true);
      }
    });

    it('matches author: names unstemmed, with initials and accents', async () => {
      const cases: [string, string[]][] = [
        ['language models author:Weinberger', ['2612.90001']],
        ['language models author:Weinberg', ['2612.90002']],
        ['language models author:"K. Weinberger"', ['2612.90001']],
        ['language models author:"Kilian Weinberger"', ['2612.90001']],
        ['language models author:"S. Weinberger"', []],
        ['language models author:"Emile Borel"', ['2612.90003']],
        ['language models author:"É. Borel"', ['2612.90003']],
        ['language models author:Muller', ['2612.90005']],
        ['language models author:Müller', ['2612.90005']],
      ];
      for (const [q, expected] of cases) {
        const r = await search({ q, mode, limit: 100 });
        expect([q, ids(r).sort()]).toEqual([q, expected]);
        expect(r.total).toBe(expected.length);
      }
    });
  });

  it.each(MODES)('leaves out -word but reads -2 as a number (%s mode)', async (mode) => {
    const negative = await search({ q: 'spin chains cooled -2 kelvin', mode, limit: 100 });
    expect(ids(negative)).toContain('2612.90006');
    const excluded = await search({ q: 'spin chains cooled -kelvin', mode, limit: 100 });
    expect(ids(excluded)).not.toContain('2612.90006');
    for (const id of ids(excluded))
      expect(wordsOf(`${paperOf(id).title} ${paperOf(id).abstract}`)).not.toContain('kelvin');
  });

  it('matches author: names unstemmed in keyword mode too', async () => {
    expect(ids(await search({ q: 'author:Weinberger', mode: 'keyword' }))).toEqual(['2612.90001']);
    expect(ids(await search({ q: 'author:Weinberg', mode: 'keyword' }))).toEqual(['2612.90002']);
    // Accents are folded on both sides, in the store's own matching too.
    expect(ids(await search({ q: 'author:Muller', mode: 'keyword' }))).toEqual(['2612.90005']);
    expect(ids(await search({ q: 'author:Müller', mode: 'keyword' }))).toEqual(['2612.90005']);
    expect(ids(await search({ q: 'author:borel', mode: 'keyword' }))).toEqual(['2612.90003']);
  });

  it('says on the search page what /readyz says: ready, so no mode falls back', async () => {
    const ready = (await (await t.app.request('/readyz')).json()) as {
      search: { semantic: string };
    };
    expect(ready.search.semantic).toBe('ready');
    for (const mode of ['semantic', 'hybrid']) {
      const page = await (await t.app.request(`/papers?q=language+models&mode=${mode}`)).text();
      expect(page).not.toContain('answered by');
      expect(page).not.toContain('not ready');
    }
  });

  it('gives one total on the site and both APIs, and says when a page is past the end', async () => {
    const q = 'learning models';
    const { total } = await search({ q, limit: 20 });
    const site = await (await t.app.request(`/papers?q=${encodeURIComponent(q)}`)).text();
    expect(site).toContain(`${total.toLocaleString('en')} papers`);
    const api = (await (
      await t.app.request(`/api/v1/search?q=${encodeURIComponent(q)}&limit=20`)
    ).json()) as { total: number };
    expect(api.total).toBe(total);
    const past = await t.app.request(
      `/api/v1/search?q=${encodeURIComponent(q)}&cursor=${offsetCursor.encode(total)}`,
    );
    expect(past.status).toBe(400);
    expect(((await past.json()) as { code: string }).code).toBe('cursor_out_of_range');
    const lastPage = Math.ceil(total / 20);
    const beyond = await (
      await t.app.request(`/papers?q=${encodeURIComponent(q)}&page=${lastPage + 1}`)
    ).text();
    expect(beyond).toContain(`Page ${lastPage + 1} is past the end`);
    const far = await (await t.app.request(`/papers?q=${encodeURIComponent(q)}&page=9999`)).text();
    expect(far).toContain('Page 9,999 is past the end');
    const hf = await t.app.request('/api/papers/search?q=zzzzqqqxx');
    expect(await hf.json()).toEqual([]);
  });
});

describe.skipIf(!hasSharedData).each(dialects)('search page readiness (%s)', (dialect) => {
  let t: TestRuntime;

  beforeAll(async () => {
    // Semantic search turned off: the page must say "off", as /readyz does.
    t = await createTestRuntime(dialect, { search: 'keyword' });
    await t.runtime.papers.store(samplePapers().slice(0, 20), { source: 'test' });
  }, 120_000);
  afterAll(() => t.cleanup());

  it('names the semantic state /readyz reports when another mode answers', async () => {
    const ready = (await (await t.app.request('/readyz')).json()) as {
      search: { semantic: string };
    };
    expect(ready.search.semantic).toBe('off');
    const page = await (await t.app.request('/papers?q=learning&mode=semantic')).text();
    expect(page).toContain('answered by keyword search (semantic search is off)');
  });
});
