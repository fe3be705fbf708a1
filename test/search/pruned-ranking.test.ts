import { describe, expect, it } from 'vitest';
import { docFromRow, queryTerms } from '../../src/search/bm25/bm25-doc.ts';
import { Bm25Index, type IndexQuery } from '../../src/search/bm25/bm25-index.ts';
import { VARIANT_WEIGHT } from '../../src/search/bm25/keyword-engine.ts';
import { WINDOW } from '../../src/search/bm25/max-score.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { STOPWORDS } from '../../src/search/text/stopwords.ts';
import { hasSharedData, sharedSamplePapers } from '../support/shared-data.ts';

/** Copies of the bulk-loaded papers: enough slots for three windows. */
const COPIES = Math.ceil((2 * WINDOW) / 900);

/**
 * A query with a word common enough to settle the total ranks only the papers that can reach
 * its top k (MaxScore over skip blocks). On real arXiv text, with word variants, excluded words,
 * papers changed and removed after a bulk load, its list must be the full scoring's exactly:
 * the same papers in the same order with the same scores, and the same matches among a set.
 */
describe.skipIf(!hasSharedData)('pruned keyword ranking on real papers', () => {
  it('ranks exactly as scoring every posting does', () => {
    const papers = sharedSamplePapers(1000);
    const row = (pid: number, p: (typeof papers)[number], modified: string) => ({
      pid,
      title: p.title,
      abstract: p.abstract,
      authors: JSON.stringify(p.authors),
      categories: JSON.stringify(p.categories),
      listing_date: p.listingDate ?? null,
      published_at: null,
      code_repo: null,
      modified_at: modified,
    });
    const index = new Bm25Index();
    papers.slice(0, 900).forEach((p, i) => index.upsert(docFromRow(row(i + 1, p, '2026-01-01'))));
    // Copies under other pids carry the ranking across several windows of slots (see
    // max-score.ts), and their equal scores test ties.
    for (let copy = 1; copy <= COPIES; copy++)
      papers
        .slice(0, 900)
        .forEach((p, i) => index.upsert(docFromRow(row(copy * 1000 + i + 1, p, '2026-01-01'))));
    index.freeze();
    // After the bulk load: new papers go to list tails, changed ones leave dead slots behind.
    papers.slice(900).forEach((p, i) => index.upsert(docFromRow(row(901 + i, p, '2026-01-02'))));
    for (let pid = 5; pid <= 60; pid += 5)
      index.upsert(docFromRow(row(pid, papers[(pid * 7) % 1000]!, '2026-01-03')));
    index.remove(3);

    const queries: string[] = [];
    papers.forEach((p, i) => {
      if (i % 4 === 0) queries.push(p.title);
      const words = p.title
        .toLowerCase()
        .match(/[a-z]{3,}/g)
        ?.filter((w) => !STOPWORDS.has(w));
      if (i % 4 === 1 && words && words.length >= 3) queries.push(words.slice(0, 2).join(' '));
      if (i % 4 === 2) queries.push('language models -agents');
    });
    let pruned = 0;
    for (const [n, text] of queries.entries()) {
      const q: IndexQuery = {
        ...queryTerms(parseQuery(text)),
        filters: { categories: [], hasCode: false },
        order: 'relevance',
        k: [10, 100, 200][n % 3]!,
        variantWeight: VARIANT_WEIGHT,
        among: new Set(Array.from({ length: 40 }, (_, i) => 1 + ((n * 37 + i * 101) % 1000))),
      };
      const full = index.search(q);
      // A cap of 200 lets most queries qualify here, as 10,100 does on arXiv.
      const fast = index.search({ ...q, countCap: 200 });
      expect(fast.hits).toEqual(full.hits);
      expect(fast.total).toBe(Math.min(full.total, 200));
      expect([...fast.matched].sort((a, b) => a - b)).toEqual(
        [...full.matched].sort((a, b) => a - b),
      );
      if (fast.pruned) pruned++;
    }
    expect(queries.length).toBeGreaterThan(400);
    expect(pruned).toBeGreaterThan(queries.length / 2);
  });
});
