import { describe, expect, it } from 'vitest';
import { docFromRow, type IndexRow } from './bm25-doc.ts';
import {
  Bm25Index,
  type IndexedDoc,
  type IndexFilters,
  type IndexHit,
  type IndexQuery,
} from './bm25-index.ts';
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

  it('adds weighted feedback terms to the papers the query matches, never adding a paper', () => {
    const plain = search(index, ['speech']);
    const weighted = index.search({
      terms: [stem('speech')],
      excluded: [],
      filters: none,
      order: 'relevance',
      k: 100,
      weighted: [{ term: stem('language'), weight: 0.5 }],
    });
    expect(weighted.total).toBe(plain.total);
    expect(new Set(weighted.hits.map((h) => h.pid))).toEqual(new Set(plain.hits.map((h) => h.pid)));
    const language = referenceScores(rows, ['language']);
    const speech = referenceScores(rows, ['speech']);
    for (const h of weighted.hits)
      expect(h.score).toBeCloseTo(speech.get(h.pid)! + 0.5 * (language.get(h.pid) ?? 0), 9);
  });

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

/** A seeded generator, so a failure repeats. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The index's ranking the plain way: every slot in an array, FTS5's formula with the same
 * arithmetic in the same order, document frequencies counting replaced or removed papers until
 * a compaction drops them (when dead slots exceed a fiftieth of the live ones at a search, or
 * when asked), as the index documents.
 */
class ReferenceIndex {
  slots: { doc: IndexedDoc; live: boolean }[] = [];
  dead = 0;

  upsert(doc: IndexedDoc): void {
    this.remove(doc.pid);
    this.slots.push({ doc, live: true });
  }

  remove(pid: number): void {
    const slot = this.slots.find((s) => s.live && s.doc.pid === pid);
    if (!slot) return;
    slot.live = false;
    this.dead++;
  }

  compact(): void {
    this.slots = this.slots.filter((s) => s.live);
    this.dead = 0;
  }

  search(q: IndexQuery): { hits: IndexHit[]; total: number; matched: number[] } {
    const live = this.slots.filter((s) => s.live);
    if (this.dead > 0 && this.dead * 50 > live.length) this.compact();
    const N = live.length;
    const avgdl = Math.max(live.reduce((sum, s) => sum + s.doc.length, 0) / N, 1);
    const tfOf = (doc: IndexedDoc, term: string) => {
      const tf = doc.terms.get(term);
      return tf === undefined ? 0 : Math.min(255, Math.max(1, Math.round(tf)));
    };
    const scores = new Map<IndexedDoc, number>();
    for (const term of q.terms) {
      const df = this.slots.filter((s) => s.doc.terms.has(term)).length;
      if (df === 0) continue;
      let idf = Math.log((N - df + 0.5) / (df + 0.5));
      if (idf <= 0) idf = 1e-6;
      const num = 1 * idf * (1.2 + 1);
      const slope = (1.2 * 0.75) / avgdl;
      for (const { doc } of live) {
        const tf = tfOf(doc, term);
        if (tf === 0) continue;
        const s = (num * tf) / (tf + 1.2 * (1 - 0.75) + slope * doc.length);
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    const f = q.filters;
    const hits = [...scores]
      .filter(([doc]) => !q.excluded.some((t) => doc.terms.has(t)))
      .filter(([doc]) => !f.hasCode || doc.hasCode)
      .filter(([doc]) => f.from === undefined || (doc.day !== 0 && doc.day >= f.from))
      .filter(([doc]) => f.to === undefined || (doc.day !== 0 && doc.day <= f.to))
      .filter(
        ([doc]) =>
          f.categories.length === 0 || doc.categories.some((c) => f.categories.includes(c)),
      )
      .filter(([doc]) => !q.allow || q.allow.has(doc.pid))
      .map(([doc, score]) => ({ pid: doc.pid, score, day: doc.day }));
    hits.sort(
      (a, b) => (q.order === 'date' ? b.day - a.day : 0) || b.score - a.score || b.pid - a.pid,
    );
    return {
      hits: hits.slice(0, q.k),
      total: hits.length,
      matched: hits
        .filter((h) => q.among?.has(h.pid))
        .map((h) => h.pid)
        .sort((a, b) => a - b),
    };
  }
}

describe('BM25 index over random corpora', () => {
  it('ranks, counts and reports matches as the plain computation through upserts, removals, freezes and compactions', () => {
    const random = seeded(13);
    const vocab = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const cats = ['cs.lg', 'cs.cl', 'cs.cv', 'math.st'];
    const makeDoc = (pid: number): IndexedDoc => {
      const terms = new Map<string, number>();
      const words = 3 + Math.floor(random() * 40);
      for (let i = 0; i < words; i++) {
        // Skewed towards the first words, so some are in most papers and some in few.
        const term = vocab[Math.floor(random() ** 3 * vocab.length)]!;
        terms.set(term, (terms.get(term) ?? 0) + (random() < 0.2 ? 3 : 1));
      }
      return {
        pid,
        terms,
        length: words + Math.floor(random() * 20),
        day: random() < 0.05 ? 0 : 20260101 + Math.floor(random() * 28),
        categories: cats.filter(() => random() < 0.4),
        hasCode: random() < 0.3,
        modified: pid,
        stopwordTitle: null,
      };
    };
    const index = new Bm25Index();
    const reference = new ReferenceIndex();
    const upsert = (doc: IndexedDoc) => {
      index.upsert(doc);
      reference.upsert(doc);
    };
    let nextPid = 1;
    for (let i = 0; i < 600; i++) upsert(makeDoc(nextPid++));
    const pick = () => 1 + Math.floor(random() * (nextPid - 1));
    let compared = 0;
    let pruned = 0;
    const compare = () => {
      const terms = Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => vocab[Math.floor(random() * vocab.length)]!,
      );
      const q: IndexQuery = {
        terms,
        excluded: random() < 0.2 ? [vocab[Math.floor(random() * vocab.length)]!] : [],
        filters: {
          categories: random() < 0.2 ? [cats[Math.floor(random() * cats.length)]!] : [],
          hasCode: random() < 0.1,
          ...(random() < 0.1 ? { from: 20260110 } : {}),
          ...(random() < 0.1 ? { to: 20260120 } : {}),
        },
        order: random() < 0.2 ? 'date' : 'relevance',
        k: 1 + Math.floor(random() * 60),
        among: new Set(Array.from({ length: 30 }, pick)),
        ...(random() < 0.1 ? { allow: new Set(Array.from({ length: 200 }, pick)) } : {}),
      };
      const expected = reference.search(q);
      const found = index.search(q);
      expect(found.total).toBe(expected.total);
      expect(found.hits).toEqual(expected.hits);
      expect([...found.matched].sort((a, b) => a - b)).toEqual(expected.matched);
      // With a count cap, a query with a common enough word ranks by MaxScore: the same list.
      const cap = 5 + Math.floor(random() * 100);
      const capped = index.search({ ...q, countCap: cap });
      expect(capped.hits).toEqual(expected.hits);
      expect(capped.total).toBe(Math.min(expected.total, cap));
      expect([...capped.matched].sort((a, b) => a - b)).toEqual(expected.matched);
      if (capped.pruned) pruned++;
      compared++;
    };
    for (let round = 0; round < 400; round++) {
      const r = random();
      if (r < 0.4) upsert(makeDoc(pick()));
      else if (r < 0.55) {
        const pid = pick();
        index.remove(pid);
        reference.remove(pid);
      } else if (r < 0.75) upsert(makeDoc(nextPid++));
      else if (r < 0.77) index.freeze();
      else if (r < 0.78) {
        index.compact();
        reference.compact();
      }
      compare();
    }
    expect(compared).toBe(400);
    expect(pruned).toBeGreaterThan(100);
    expect(index.size()).toBe(reference.slots.filter((s) => s.live).length);
  });
});
