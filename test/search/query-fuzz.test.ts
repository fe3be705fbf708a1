import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SEARCH_PAPERS } from '../support/seed-papers.ts';

/** Pieces people (and attackers) type: FTS and tsquery syntax, quotes, fields, odd Unicode. */
const hostile = fc.constantFrom(
  '"',
  "'",
  '*',
  '-',
  '+',
  '(',
  ')',
  ':',
  '^',
  'AND',
  'OR',
  'NOT',
  'NEAR(',
  'NEAR/3',
  '&',
  '|',
  '!',
  '<->',
  ':*',
  'author:',
  'cat:',
  'has:code',
  'title:',
  '{',
  '}',
  '\\',
  '\u0000',
  '😀',
  'é',
  '中文',
  ';--',
  "' or 1=1",
  '%',
  '_',
  'models',
  'merging',
  'transformer',
  '\n',
  '\t',
  '  ',
);
const query = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(fc.oneof(hostile, fc.string({ maxLength: 6 })), { maxLength: 12 })
    .map((p) => p.join(' ')),
  fc.array(hostile, { maxLength: 12 }).map((p) => p.join('')),
);

describe.each(dialects)('any query string is valid input (%s)', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await upsertRecords(t.runtime.db, t.runtime.clock, SEARCH_PAPERS, { source: 'test' });
    // Queries the in-process index answers go there; the rest reach the store's full-text path.
    t.runtime.search.keyword.start();
    await t.runtime.search.keyword.idle();
  });
  afterAll(async () => {
    await t.runtime.search.close();
    await t.cleanup();
  });

  it('answers 10,000 random and hostile queries without an error', async () => {
    const samples = fc.sample(query, { numRuns: 10_000, seed: 20261127 });
    for (const q of samples) {
      const result = await t.runtime.search.search({ q, mode: 'keyword', limit: 5 });
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
    for (const q of samples.slice(0, 1000)) await t.runtime.search.suggest(q);
  });

  it('never lets a parsed word hold anything but letters and digits', () => {
    fc.assert(
      fc.property(query, (q) => {
        const parsed = parseQuery(q);
        const all = [
          ...parsed.terms.map((x) => x.word),
          ...parsed.phrases.flat(),
          ...parsed.excluded,
          ...parsed.authors.flat(),
        ];
        return all.every((w) => /^[\p{L}\p{N}]+$/u.test(w));
      }),
      { numRuns: 2000 },
    );
  });
});
