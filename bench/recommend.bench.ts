/**
 * Recommendation quality and speed. Members are simulated from a corpus: an author with enough
 * papers before a time split is a member who saved those papers; the papers they wrote after it
 * are what they would want. Models see titles and abstracts only, never author names; the
 * candidates are every paper after the split. Methods: newest first, same categories, a linear
 * SVM over TF-IDF trained per member (as arxiv-sanity-lite recommends), and Folio's ranker
 * (src/library/recommend/rank.ts) over the built-in model's vectors: a per-member linear model
 * over TF-IDF trained against a fixed sample of earlier papers, plus embedding similarity.
 *
 *   npm run bench:recommend -- [--corpus FILE] [--split YYYY-MM-DD] [--members N]
 *     [--min-before N] [--min-after N] [--methods folio,svm-tfidf]
 *
 * With --methods, only those methods run and nothing is written (for trying a change quickly).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonlPapers } from '../src/ingest/sources/jsonl.ts';
import { trainLsa } from '../src/search/embed/lsa-train.ts';
import {
  DEFAULT_RANK,
  preparePapers,
  rankCandidates,
  type ProfileItem,
  type RankItem,
  type SparseVector,
} from '../src/library/recommend/rank.ts';
import { percentile, seeded, writeResults } from './search-support.ts';

const { values: args } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: path.resolve(
        import.meta.dirname,
        '../../shared/data/arxiv-daily-cs/papers.jsonl.gz',
      ),
    },
    split: { type: 'string' },
    members: { type: 'string', default: '500' },
    'min-before': { type: 'string', default: '5' },
    'min-after': { type: 'string', default: '3' },
    methods: { type: 'string', default: 'recency,category,svm-tfidf,folio' },
    /** Papers the built-in model is trained on (a seeded sample of the corpus; 0: all). */
    train: { type: 'string', default: '30000' },
    /** Negatives each member's SVM sees (a seeded sample of the other papers before the split). */
    'svm-negatives': { type: 'string', default: '10000' },
  },
});

const K = 20;
/** Other papers Folio's per-member linear model learns against. */
const BACKGROUND = 3000;
interface BenchPaper {
  id: string;
  day: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
}

async function loadCorpus(file: string): Promise<BenchPaper[]> {
  const papers: BenchPaper[] = [];
  const seen = new Set<string>();
  for await (const line of readJsonlPapers(file)) {
    if (!('record' in line)) continue;
    const r = line.record;
    const day = r.listingDate ?? r.publishedAt?.slice(0, 10) ?? null;
    if (!day || seen.has(r.id)) continue;
    seen.add(r.id);
    papers.push({
      id: r.id,
      day,
      title: r.title,
      abstract: r.abstract,
      authors: r.authors,
      categories: r.categories,
    });
  }
  return papers.sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
}

/** Recall@K and nDCG@K of a ranking against the relevant ids. */
function score(ranking: string[], relevant: ReadonlySet<string>) {
  let hits = 0;
  let dcg = 0;
  ranking.slice(0, K).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      dcg += 1 / Math.log2(i + 2);
    }
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return { recall: hits / relevant.size, ndcg: ideal > 0 ? dcg / ideal : 0 };
}

/**
 * A linear SVM (squared hinge loss, balanced class weights, C = 0.01, as arxiv-sanity-lite's
 * LinearSVC) by dual coordinate descent (LIBLINEAR's solver), over sparse TF-IDF vectors.
 */
function trainSvm(
  positives: SparseVector[],
  negatives: SparseVector[],
  dims: number,
  rng: () => number,
): Float64Array {
  const xs = [...positives, ...negatives];
  const ys = xs.map((_, i) => (i < positives.length ? 1 : -1));
  const n = xs.length;
  const cPos = (0.01 * n) / (2 * positives.length);
  const cNeg = (0.01 * n) / (2 * negatives.length);
  const w = new Float64Array(dims + 1); // last: bias (feature fixed at 1)
  const alpha = new Float64Array(n);
  const qd = xs.map((x, i) => {
    let s = 1;
    for (let q = 0; q < x.w.length; q++) s += x.w[q]! * x.w[q]!;
    return s + 1 / (2 * (ys[i]! > 0 ? cPos : cNeg));
  });
  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < 10; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let change = 0;
    for (const i of order) {
      const x = xs[i]!;
      const y = ys[i]!;
      let wx = w[dims]!;
      for (let q = 0; q < x.idx.length; q++) wx += w[x.idx[q]!]! * x.w[q]!;
      const d = 1 / (2 * (y > 0 ? cPos : cNeg));
      const g = y * wx - 1 + d * alpha[i]!;
      const next = Math.max(alpha[i]! - g / qd[i]!, 0);
      const delta = (next - alpha[i]!) * y;
      if (delta === 0) continue;
      change = Math.max(change, Math.abs(next - alpha[i]!));
      alpha[i] = next;
      for (let q = 0; q < x.idx.length; q++) w[x.idx[q]!]! += delta * x.w[q]!;
      w[dims]! += delta;
    }
    if (change < 1e-3) break;
  }
  return w;
}

async function main(): Promise<void> {
  const corpusFile = path.resolve(args.corpus!);
  const started = Date.now();
  const papers = await loadCorpus(corpusFile);
  if (papers.length < 1000) {
    console.error(
      `${corpusFile}: ${papers.length} papers with a date; a benchmark needs at least 1,000`,
    );
    process.exit(2);
  }
  // Default split: the day that leaves the newest 30% of papers after it.
  const split = args.split ?? papers[Math.floor(papers.length * 0.7)]!.day;
  const before = papers.filter((p) => p.day < split);
  const after = papers.filter((p) => p.day >= split);
  console.log(
    `${papers.length} papers from ${corpusFile}; split ${split}: ${before.length} before, ${after.length} candidates after`,
  );

  // Members: authors with enough papers on both sides, a seeded sample.
  const byAuthor = new Map<string, { before: number[]; after: number[] }>();
  papers.forEach((p, i) => {
    for (const a of new Set(p.authors)) {
      let e = byAuthor.get(a);
      if (!e) byAuthor.set(a, (e = { before: [], after: [] }));
      (p.day < split ? e.before : e.after).push(i);
    }
  });
  const minBefore = Number(args['min-before']);
  const minAfter = Number(args['min-after']);
  const eligible = [...byAuthor.entries()]
    .filter(([, e]) => e.before.length >= minBefore && e.after.length >= minAfter)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const rng = seeded(7);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const members = eligible.slice(0, Number(args.members));
  console.log(`${eligible.length} eligible authors; ${members.length} members sampled`);

  const t0 = Date.now();
  const trainSize = Number(args.train) || papers.length;
  const sample = seededSample(papers, trainSize, seeded(3));
  const model = await trainLsa(sample.map((p) => ({ title: p.title, abstract: p.abstract })));
  console.log(
    `built-in model trained on ${sample.length} papers in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const items: RankItem[] = papers.map((p) => ({
    id: p.id,
    dense: model.embed({ title: p.title, abstract: p.abstract }),
    sparse: model.weigh({ title: p.title, abstract: p.abstract }),
  }));
  const firstAfter = before.length;
  const candidates = items.slice(firstAfter);
  // Folio ranks every member against the same papers: laid out once, as a long-running server
  // would keep its recent papers (the site lays out a member's candidates per request).
  const preparing = performance.now();
  const folioCandidates = preparePapers(candidates);
  const newestFirst = [...after].reverse().map((p) => p.id);
  const vocabulary = model.terms.length;

  const allMethods = ['recency', 'category', 'svm-tfidf', 'folio'] as const;
  type Method = (typeof allMethods)[number];
  const chosen = new Set(args.methods.split(','));
  const methods = allMethods.filter((m) => chosen.has(m));
  const totals = Object.fromEntries(
    methods.map((m) => [m, { recall: 0, ndcg: 0, ms: [] as number[] }]),
  ) as Record<Method, { recall: number; ndcg: number; ms: number[] }>;
  const svmRng = seeded(11);
  const negativePool = seededSample(
    Array.from({ length: firstAfter }, (_, i) => i),
    Number(args['svm-negatives']),
    seeded(5),
  );

  // Folio's background: papers known before the split (as the site uses its recent papers), the
  // same for every member; the member's own papers among them are left out by the ranker.
  const background = seededSample(
    Array.from({ length: firstAfter }, (_, i) => i),
    BACKGROUND,
    seeded(9),
  ).map((i) => items[i]!);
  const folioBackground = preparePapers(background);
  console.log(
    `Folio's candidates and background laid out once in ${(performance.now() - preparing).toFixed(0)} ms`,
  );
  const run = (method: Method, member: { before: number[] }): string[] => {
    switch (method) {
      case 'recency':
        return newestFirst.slice(0, K);
      case 'category': {
        const weight = new Map<string, number>();
        for (const i of member.before)
          papers[i]!.categories.forEach((c, rank) =>
            weight.set(c, (weight.get(c) ?? 0) + (rank === 0 ? 1 : 0.5)),
          );
        // Candidates in the member's categories, weighted by how often they wrote there; newest first on ties.
        const scored: { id: string; s: number; i: number }[] = [];
        after.forEach((p, i) => {
          const s = weight.get(p.categories[0] ?? '') ?? 0;
          if (s > 0) scored.push({ id: p.id, s, i });
        });
        scored.sort((a, b) => b.s - a.s || b.i - a.i);
        return scored.slice(0, K).map((x) => x.id);
      }
      case 'svm-tfidf': {
        const mine = new Set(member.before);
        const positives = member.before.map((i) => items[i]!.sparse!);
        const negatives: SparseVector[] = [];
        for (const i of negativePool) if (!mine.has(i)) negatives.push(items[i]!.sparse!);
        const w = trainSvm(positives, negatives, vocabulary, svmRng);
        const scored = candidates.map((c) => {
          let s = w[vocabulary]!;
          for (let q = 0; q < c.sparse!.idx.length; q++)
            s += w[c.sparse!.idx[q]!]! * c.sparse!.w[q]!;
          return { id: c.id, s };
        });
        scored.sort((a, b) => b.s - a.s);
        return scored.slice(0, K).map((x) => x.id);
      }
      case 'folio': {
        const profile: ProfileItem[] = member.before.map((i) => ({ ...items[i]!, weight: 1 }));
        return rankCandidates(profile, [], folioCandidates, K, DEFAULT_RANK, folioBackground).map(
          (r) => r.id,
        );
      }
    }
  };

  let done = 0;
  for (const [, member] of members) {
    if (++done % 50 === 0) console.log(`${done} members…`);
    const relevant = new Set(member.after.map((i) => papers[i]!.id));
    for (const method of methods) {
      const t = performance.now();
      const ranking = run(method, member);
      totals[method].ms.push(performance.now() - t);
      const s = score(ranking, relevant);
      totals[method].recall += s.recall;
      totals[method].ndcg += s.ndcg;
    }
  }

  const results: Record<
    string,
    { recall20: number; ndcg20: number; p95Ms: number; medianMs: number }
  > = {};
  console.log('\nmethod      Recall@20  nDCG@20  p50 ms  p95 ms');
  for (const method of methods) {
    const t = totals[method];
    const sorted = [...t.ms].sort((a, b) => a - b);
    results[method] = {
      recall20: round(t.recall / members.length),
      ndcg20: round(t.ndcg / members.length),
      medianMs: round(percentile(sorted, 50), 2),
      p95Ms: round(percentile(sorted, 95), 2),
    };
    const r = results[method];
    console.log(
      `${method.padEnd(11)} ${r.recall20.toFixed(4).padStart(9)}  ${r.ndcg20.toFixed(4).padStart(7)}  ${r.medianMs.toFixed(1).padStart(6)}  ${r.p95Ms.toFixed(1).padStart(6)}`,
    );
  }
  if (methods.length < allMethods.length) return;
  const folio = results.folio!;
  const targets = {
    recallAtLeastSvm: folio.recall20 >= results['svm-tfidf']!.recall20,
    recallAtLeastTwiceCategory: folio.recall20 >= 2 * results.category!.recall20,
    p95AtMost50Ms: folio.p95Ms <= 50,
  };
  console.log(`\ntargets: ${JSON.stringify(targets)}`);
  const file = writeResults('recommend', {
    corpus: path.basename(corpusFile),
    papers: papers.length,
    split,
    candidates: after.length,
    members: members.length,
    minBefore,
    minAfter,
    k: K,
    node: process.version,
    methods: results,
    targets,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  console.log(`wrote ${file}`);
}

/** n items drawn without replacement by a seeded shuffle, in their original order. */
function seededSample<T>(items: readonly T[], n: number, rng: () => number): T[] {
  if (n >= items.length) return [...items];
  const order = Array.from({ length: items.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

await main();
