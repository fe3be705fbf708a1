import { describe, expect, it } from 'vitest';
import { docFromRow, type IndexRow } from './bm25-doc.ts';
import { Bm25Index, type IndexFilters } from './bm25-index.ts';
import { stem } from '../text/stem.ts';
import { words } from '../text/tokenize.ts';

const TEXTS: [string, string, string[]][] = [
  [
    'Model merging for language models',
    'We merge fine-tuned models by averaging weights.',
    ['Ada Lovelace'],
  ],
  [
    'Diffusion models for images',
    'Denoising diffusion models generate images of faces.',
    ['Grace Hopper'],
  ],
  [
    'Reinforcement learning from feedback',
    'Reward models align language models with people.',
    ['Alan Turing'],
  ],
  [
    'Graph networks',
    'Message passing over molecular graphs; merging graphs is hard.',
    ['Marie Curie'],
  ],
  [
    'Speech transformers',
    'Transformer encoders transcribe speech with language models.',
    ['Émile Borel'],
  ],
  ['Merging merging merging', 'A short note.', ['Ada Lovelace']],
  [
    'Language of proteins',
    'Protein language models predict structure from sequence.',
    ['Alan Turing', 'Ada Lovelace'],
  ],
];

function row(i: number, extra: Partial<IndexRow> = {}): IndexRow {
  const [title, abstract, authors] = TEXTS[i % TEXTS.length]!;
  return {
    pid: i + 1,
    title,
    abstract,
    authors: JSON.stringify(authors),
    categories: JSON.stringify(i % 2 === 0 ? ['cs.CL', 'cs.LG'] : ['cs.CV']),
    listing_date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
    published_at: null,
    code_repo: i % 3 === 0 ? 'github:x/y' : null,
    modified_at: '2026-07-01T12:00:00.000Z',
    ...extra,
  };
}

/** BM25 the long way, straight from the texts: FTS5's formula, title weight 3. */
function referenceScores(rows: IndexRow[], query: string[]): Map<number, number> {
  const docs = rows.map((r) => {
    const cols: [string, number][] = [
      [r.title, 3],
      [r.abstract, 1],
      [r.authors, 1],
    ];
    const tf = new Map<string, number>();
    let len = 0;
    for (const [text, w] of cols)
      for (const word of words(text)) {
        len++;
        tf.set(stem(word), (tf.get(stem(word)) ?? 0) + w);
      }
    return { pid: r.pid, tf, len };
  });
  const N = docs.length;
  const avgdl = docs.reduce((s, d) => s + d.len, 0) / N;
  const scores = new Map<number, number>();
  for (const term of query.map(stem)) {
    const df = docs.filter((d) => d.tf.has(term)).length;
    if (df === 0) continue;
    const idf = Math.max(Math.log((N - df + 0.5) / (df + 0.5)), 1e-6);
    for (const d of docs) {
      const f = d.tf.get(term);
      if (!f) continue;
      const s = (idf * f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * d.len) / avgdl));
      scores.set(d.pid, (scores.get(d.pid) ?? 0) + s);
    }
  }
  return scores;
}

const none: IndexFilters = { categories: [], hasCode: false };
const search = (index: Bm25Index, q: string[], filters = none, k = 100, excluded: string[] = []) =>
  index.search({
    terms: q.map(stem),
    excluded: excluded.map(stem),
    filters,
    order: 'relevance',
    k,
  });

describe('BM25 index', () => {
  const rows = Array.from({ length: 40 }, (_, i) => row(i));
  const index = new Bm25Index();
  for (const r of rows) index.upsert(docFromRow(r));

  it('ranks exactly as a straightforward BM25 over the same texts', () => {
    for (const q of [
      ['merging'],
      ['language', 'models'],
      ['diffusion', 'images', 'graphs'],
      ['turing'],
    ]) {
      const expected = [...referenceScores(rows, q)].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
      const found = search(index, q);
      expect(found.total).toBe(expected.length);
      expect(found.hits.map((h) => h.pid)).toEqual(expected.map(([pid]) => pid));
      found.hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]![1], 9));
    }
  });

  it('weights a title hit above an abstract hit', () => {
    const found = search(index, ['diffusion']);
    expect(rows[found.hits[0]!.pid - 1]!.title).toMatch(/Diffusion/);
  });

  it('keeps the k best and counts every match', () => {
    const all = search(index, ['models']);
    const top = search(index, ['models'], none, 3);
    expect(top.total).toBe(all.total);
    expect(top.hits).toEqual(all.hits.slice(0, 3));
  });

  it('filters by day, category and code, and leaves out excluded words', () => {
    const day = (r: IndexRow) => Number(r.listing_date!.replaceAll('-', ''));
    const found = search(index, ['models'], {
      from: 20260105,
      to: 20260110,
      categories: ['CS.cv'],
      hasCode: true,
    });
    expect(found.hits.length).toBeGreaterThan(0);
    for (const h of found.hits) {
      const r = rows[h.pid - 1]!;
      expect(day(r)).toBeGreaterThanOrEqual(20260105);
      expect(day(r)).toBeLessThanOrEqual(20260110);
      expect(r.categories).toContain('cs.CV');
      expect(r.code_repo).not.toBeNull();
    }
    expect(search(index, ['models'], { categories: ['no.such'], hasCode: false }).total).toBe(0);
    const without = search(index, ['models'], none, 100, ['diffusion']);
    for (const h of without.hits) expect(rows[h.pid - 1]!.abstract).not.toMatch(/diffusion/i);
    expect(without.total).toBeLessThan(search(index, ['models']).total);
  });

  it('orders by day when asked, newest first', () => {
    const found = index.search({
      terms: ['model'],
      excluded: [],
      filters: none,
      order: 'date',
      k: 100,
    });
    const days = found.hits.map((h) => rows[h.pid - 1]!.listing_date!);
    expect(days).toEqual([...days].sort().reverse());
  });

  it('replaces a changed paper and forgets a removed one, statistics included', () => {
    const changed = new Bm25Index();
    const current = rows.slice(0, 10).map((r) => ({ ...r }));
    for (const r of current) changed.upsert(docFromRow(r));
    current[2] = { ...current[2]!, title: 'Quantum annealing', abstract: 'Annealing qubits.' };
    changed.upsert(docFromRow(current[2]));
    changed.remove(current[5]!.pid);
    const live = current.filter((r) => r.pid !== current[5]!.pid);
    for (const q of [['annealing'], ['models', 'merging'], ['reinforcement']]) {
      const expected = [...referenceScores(live, q)].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
      const found = search(changed, q);
      expect(found.hits.map((h) => h.pid)).toEqual(expected.map(([pid]) => pid));
      found.hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]![1], 9));
    }
    expect(changed.size()).toBe(9);
  });
});
