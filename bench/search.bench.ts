/**
 * Search quality. Loads a BEIR corpus (default: SciFact beside the qrels) into a fresh store
 * (SQLite, or PostgreSQL with --db URL), trains the built-in model, runs every judged query in
 * each mode and prints nDCG@10, Recall@100 and MRR@10; then the arXiv run: papers stored by
 * abstract only, each title as the query, the paper itself as the answer (MRR@10, Recall@10).
 *
 *   npm run bench:search -- --qrels ../shared/data/scifact-beir/qrels/train.tsv [--db URL]
 *     [--arxiv FILE | --no-arxiv] [--arxiv-queries N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PaperRecord } from '../src/domain/paper.ts';
import { fuse } from '../src/search/hybrid.ts';
import type { SearchMode } from '../src/search/search.types.ts';
import type { Paper } from '../src/domain/paper.ts';
import {
  openBenchStore,
  readJsonl,
  seeded,
  storeAll,
  syntheticId,
  writeResults,
  type BenchStore,
} from './search-support.ts';

const { values: args } = parseArgs({
  options: {
    qrels: { type: 'string' },
    db: { type: 'string' },
    corpus: { type: 'string' },
    arxiv: {
      type: 'string',
      default: path.resolve(
        import.meta.dirname,
        '../../shared/data/arxiv-daily-cs/papers.jsonl.gz',
      ),
    },
    'no-arxiv': { type: 'boolean', default: false },
    'arxiv-queries': { type: 'string', default: '2000' },
  },
});
if (!args.qrels) {
  console.error('usage: npm run bench:search -- --qrels PATH/qrels/SPLIT.tsv [--db postgres://…]');
  process.exit(2);
}
const qrelsFile = path.resolve(args.qrels);
const beirDir = args.corpus ? path.resolve(args.corpus) : path.dirname(path.dirname(qrelsFile));

interface Ranked {
  paper: Paper;
  score: number;
}
type Metrics = { ndcg10: number; recall100: number; mrr10: number };

function evaluate(runs: Map<string, string[]>, qrels: Map<string, Map<string, number>>): Metrics {
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  for (const [qid, judged] of qrels) {
    const ranked = runs.get(qid) ?? [];
    let dcg = 0;
    ranked.slice(0, 10).forEach((doc, i) => {
      const gain = judged.get(doc) ?? 0;
      if (gain > 0) dcg += (2 ** gain - 1) / Math.log2(i + 2);
    });
    const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, 10);
    const idcg = ideal.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    ndcg += idcg > 0 ? dcg / idcg : 0;
    const relevant = [...judged.entries()].filter(([, g]) => g > 0).map(([d]) => d);
    const top100 = new Set(ranked.slice(0, 100));
    recall += relevant.filter((d) => top100.has(d)).length / Math.max(1, relevant.length);
    const first = ranked.slice(0, 10).findIndex((d) => (judged.get(d) ?? 0) > 0);
    mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const n = qrels.size;
  return { ndcg10: ndcg / n, recall100: recall / n, mrr10: mrr / n };
}

function rrf(a: Ranked[], b: Ranked[], k = 60): Ranked[] {
  const m = new Map<string, Ranked>();
  for (const list of [a, b])
    list.forEach((r, i) => {
      const e = m.get(r.paper.id) ?? { paper: r.paper, score: 0 };
      e.score += 1 / (k + i + 1);
      m.set(r.paper.id, e);
    });
  return [...m.values()].sort((x, y) => y.score - x.score);
}

async function beirRun(store: BenchStore) {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of fs.readFileSync(qrelsFile, 'utf8').split('\n').slice(1)) {
    const [qid, doc, score] = line.split('\t');
    if (!qid || !doc) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(doc, Number(score));
  }
  const toDoc = new Map<string, string>();
  let i = 0;
  async function* records(): AsyncGenerator<PaperRecord> {
    for await (const d of readJsonl<{ _id: string; title: string; text: string }>(
      path.join(beirDir, 'corpus.jsonl.gz'),
    )) {
      const id = syntheticId(i++);
      toDoc.set(id, d._id);
      yield {
        id,
        title: d.title || '(untitled)',
        abstract: d.text || '',
        authors: [],
        categories: [],
      };
    }
  }
  let t = Date.now();
  const stored = await storeAll(store.db, records());
  const loadMs = Date.now() - t;
  t = Date.now();
  store.semantic.start();
  await store.semantic.idle();
  const embedMs = Date.now() - t;
  store.search.keyword.start();
  await store.search.keyword.idle();
  const queries = new Map<string, string>();
  for await (const q of readJsonl<{ _id: string; text: string }>(
    path.join(beirDir, 'queries.jsonl'),
  ))
    if (qrels.has(q._id)) queries.set(q._id, q.text);

  const runs: Record<string, Map<string, string[]>> = {};
  const kwLists = new Map<string, Ranked[]>();
  const semLists = new Map<string, Ranked[]>();
  for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
    runs[mode] = new Map();
    for (const [qid, text] of queries) {
      const result = await store.search.search({ q: text, mode, limit: 100 });
      runs[mode].set(
        qid,
        result.hits.map((h) => toDoc.get(h.paper.id)!),
      );
      const ranked = result.hits.map((h) => ({ paper: h.paper, score: h.score }));
      if (mode === 'keyword') kwLists.set(qid, ranked);
      if (mode === 'semantic') semLists.set(qid, ranked);
    }
  }
  const results: Record<string, Metrics> = {};
  for (const mode of Object.keys(runs)) results[mode] = evaluate(runs[mode]!, qrels);
  // Fusion variants from the same two lists: the measurement behind the default.
  const variants: Record<string, Metrics> = {};
  const fused = (f: (a: Ranked[], b: Ranked[]) => Ranked[]) => {
    const run = new Map<string, string[]>();
    for (const qid of queries.keys())
      run.set(
        qid,
        f(kwLists.get(qid) ?? [], semLists.get(qid) ?? []).map((r) => toDoc.get(r.paper.id)!),
      );
    return evaluate(run, qrels);
  };
  variants['rrf k=60'] = fused((a, b) => rrf(a, b));
  for (const w of [0.5, 0.6, 0.7, 0.8, 0.9])
    variants[`weighted w=${w}`] = fused((a, b) => fuse(a, b, w));
  return {
    corpus: beirDir,
    qrels: qrelsFile,
    papers: stored,
    queries: queries.size,
    loadMs,
    trainAndEmbedMs: embedMs,
    results,
    fusionVariants: variants,
  };
}

async function arxivRun(store: BenchStore, file: string, sample: number) {
  const titles: { id: string; title: string }[] = [];
  async function* records(): AsyncGenerator<PaperRecord> {
    for await (const p of readJsonl<{
      id: string;
      title: string;
      summary: string;
      authors?: string[];
      categories?: string[];
    }>(file)) {
      titles.push({ id: p.id, title: p.title });
      // Stored by abstract only: the title is replaced by the bare id, which no query contains.
      yield {
        id: p.id,
        title: `arXiv ${p.id}`,
        abstract: p.summary,
        authors: [],
        categories: p.categories ?? [],
      };
    }
  }
  let t = Date.now();
  const stored = await storeAll(store.db, records());
  const loadMs = Date.now() - t;
  t = Date.now();
  store.semantic.start();
  await store.semantic.idle();
  const embedMs = Date.now() - t;
  store.search.keyword.start();
  await store.search.keyword.idle();
  const random = seeded(7);
  const picked = Array.from(
    { length: Math.min(sample, titles.length) },
    () => titles[Math.floor(random() * titles.length)]!,
  );
  const results: Record<string, { mrr10: number; recall10: number }> = {};
  for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
    let mrr = 0;
    let recall = 0;
    for (const q of picked) {
      const hits = (await store.search.search({ q: q.title, mode, limit: 10 })).hits;
      const at = hits.findIndex((h) => h.paper.id === q.id);
      if (at >= 0) {
        mrr += 1 / (at + 1);
        recall += 1;
      }
    }
    results[mode] = { mrr10: mrr / picked.length, recall10: recall / picked.length };
  }
  return {
    file,
    papers: stored,
    queries: picked.length,
    loadMs,
    trainAndEmbedMs: embedMs,
    results,
  };
}

const f = (x: number) => x.toFixed(4);
const beirStore = await openBenchStore(args.db);
const beir = await beirRun(beirStore).finally(() => beirStore.cleanup());
console.log(
  `\nBEIR ${path.basename(beirDir)} (${beir.papers} docs, ${beir.queries} judged queries, ${beirStore.label})`,
);
console.log('mode                nDCG@10  Recall@100  MRR@10');
for (const [mode, m] of [...Object.entries(beir.results), ...Object.entries(beir.fusionVariants)])
  console.log(`${mode.padEnd(18)}  ${f(m.ndcg10)}   ${f(m.recall100)}    ${f(m.mrr10)}`);
console.log(`load ${beir.loadMs} ms, train + embed ${beir.trainAndEmbedMs} ms`);

let arxiv = null;
if (!args['no-arxiv'] && fs.existsSync(args.arxiv)) {
  const store = await openBenchStore(args.db);
  arxiv = await arxivRun(store, args.arxiv, Number(args['arxiv-queries'])).finally(() =>
    store.cleanup(),
  );
  console.log(
    `\narXiv title → paper by abstract (${arxiv.papers} papers, ${arxiv.queries} sampled titles)`,
  );
  console.log('mode        MRR@10  Recall@10');
  for (const [mode, m] of Object.entries(arxiv.results))
    console.log(`${mode.padEnd(10)}  ${f(m.mrr10)}  ${f(m.recall10)}`);
  console.log(`load ${arxiv.loadMs} ms, train + embed ${arxiv.trainAndEmbedMs} ms`);
}
const out = writeResults(args.db ? 'search-postgres' : 'search', {
  dialect: beirStore.label,
  at: new Date().toISOString(),
  beir,
  arxiv,
});
console.log(`\nwrote ${out}`);
