/**
 * Keyword ranking choices, measured fast: a BEIR corpus straight into the in-process BM25 index
 * (no store, no model), every judged query ranked under each candidate setting, nDCG@10 and
 * Recall@100 over all queries and k-fold cross-validated (each fold's setting chosen on the
 * other folds, scored on the held-out one).
 *
 *   npx tsx bench/search-tune.ts --qrels ../shared/data/scifact-beir/qrels/train.tsv [--folds 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { docFromRow, queryTerms } from '../src/search/bm25/bm25-doc.ts';
import { Bm25Index } from '../src/search/bm25/bm25-index.ts';
import { feedbackTerms, type FeedbackOptions } from '../src/search/bm25/feedback.ts';
import { FEEDBACK, VARIANT_WEIGHT, keepHead } from '../src/search/bm25/keyword-engine.ts';
import { parseQuery } from '../src/search/query-parser.ts';
import { readJsonl, seeded } from './search-support.ts';

const { values: args } = parseArgs({
  options: {
    qrels: { type: 'string' },
    corpus: { type: 'string' },
    folds: { type: 'string', default: '5' },
  },
});
if (!args.qrels) {
  console.error('usage: npx tsx bench/search-tune.ts --qrels PATH/qrels/SPLIT.tsv [--folds N]');
  process.exit(2);
}
const qrelsFile = path.resolve(args.qrels);
const beirDir = args.corpus ? path.resolve(args.corpus) : path.dirname(path.dirname(qrelsFile));

const qrels = new Map<string, Map<string, number>>();
for (const line of fs.readFileSync(qrelsFile, 'utf8').split('\n').slice(1)) {
  const [qid, doc, score] = line.split('\t');
  if (!qid || !doc) continue;
  if (!qrels.has(qid)) qrels.set(qid, new Map());
  qrels.get(qid)!.set(doc, Number(score));
}
const queries = new Map<string, string>();
for await (const q of readJsonl<{ _id: string; text: string }>(path.join(beirDir, 'queries.jsonl')))
  if (qrels.has(q._id)) queries.set(q._id, q.text);

const index = new Bm25Index();
const docIds: string[] = [];
const docs: ReturnType<typeof docFromRow>[] = [];
for await (const d of readJsonl<{ _id: string; title: string; text: string }>(
  path.join(beirDir, 'corpus.jsonl.gz'),
)) {
  const pid = docIds.length === 0 ? 1 : docIds.length;
  docIds[pid] = d._id;
  const doc = docFromRow({
    pid,
    title: d.title || '(untitled)',
    abstract: d.text || '',
    authors: '[]',
    categories: '[]',
    listing_date: null,
    published_at: null,
    code_repo: null,
    modified_at: '2026-01-01T00:00:00Z',
  });
  docs[pid] = doc;
  index.upsert(doc);
}

interface Setting {
  name: string;
  feedback: FeedbackOptions | null;
  /** First-pass papers kept at the head in their own order. */
  keep?: number;
}

const FILTERS = { categories: [], hasCode: false };

function rank(text: string, setting: Setting): string[] {
  const { terms, excluded } = queryTerms(parseQuery(text));
  const base = {
    terms,
    excluded,
    filters: FILTERS,
    order: 'relevance' as const,
    variantWeight: VARIANT_WEIGHT,
  };
  const first = index.search({ ...base, k: 100 });
  if (!setting.feedback) return first.hits.map((h) => docIds[h.pid]!);
  const top = first.hits.slice(0, setting.feedback.docs);
  const weighted = feedbackTerms(
    top.map((h) => ({ doc: docs[h.pid]!, score: h.score })),
    terms,
    index,
    setting.feedback,
  );
  const second = index.search({ ...base, weighted, k: 100 + (setting.keep ?? 0) });
  const head = first.hits.slice(0, setting.keep ?? 0);
  return keepHead(head, second.hits, 100).map((h) => docIds[h.pid]!);
}

interface PerQuery {
  ndcg10: number;
  recall100: number;
}

function score(qid: string, ranked: string[]): PerQuery {
  const judged = qrels.get(qid)!;
  let dcg = 0;
  ranked.slice(0, 10).forEach((doc, i) => {
    const gain = judged.get(doc) ?? 0;
    if (gain > 0) dcg += (2 ** gain - 1) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, 10);
  const idcg = ideal.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const relevant = [...judged.entries()].filter(([, g]) => g > 0).map(([d]) => d);
  const top100 = new Set(ranked.slice(0, 100));
  return {
    ndcg10: idcg > 0 ? dcg / idcg : 0,
    recall100: relevant.filter((d) => top100.has(d)).length / Math.max(1, relevant.length),
  };
}

// The shipped setting, and a grid around it: top papers read, terms kept, their weight.
const settings: Setting[] = [
  { name: 'no feedback', feedback: null },
  { name: 'shipped (FEEDBACK)', feedback: FEEDBACK, keep: FEEDBACK.keep },
];
for (const docsN of [5, 10, 15, 20])
  for (const termsN of [10, 20, 40])
    for (const weight of [0.3, 0.5, 0.7])
      settings.push({
        name: `feedback docs=${docsN} terms=${termsN} w=${weight}`,
        feedback: { docs: docsN, terms: termsN, weight, idf: true },
        keep: FEEDBACK.keep,
      });

const qids = [...queries.keys()];
const per = new Map<string, Map<string, PerQuery>>();
for (const s of settings) {
  const m = new Map<string, PerQuery>();
  for (const qid of qids) m.set(qid, score(qid, rank(queries.get(qid)!, s)));
  per.set(s.name, m);
}
const mean = (name: string, ids: string[], key: keyof PerQuery) =>
  ids.reduce((sum, q) => sum + per.get(name)!.get(q)![key], 0) / ids.length;
// Each fold picks the setting with the best nDCG@10 + Recall@100 on the other folds.
const objective = (name: string, ids: string[]) =>
  mean(name, ids, 'ndcg10') + mean(name, ids, 'recall100');

const f = (x: number) => x.toFixed(4);
console.log(`${path.basename(beirDir)}: ${index.size()} docs, ${qids.length} queries`);
console.log('setting                                   nDCG@10  Recall@100');
for (const s of settings)
  console.log(
    `${s.name.padEnd(40)}  ${f(mean(s.name, qids, 'ndcg10'))}   ${f(mean(s.name, qids, 'recall100'))}`,
  );

const folds = Number(args.folds);
const random = seeded(13);
const shuffled = [...qids].sort(() => random() - 0.5);
let cvNdcg = 0;
let cvRecall = 0;
for (let k = 0; k < folds; k++) {
  const held = shuffled.filter((_, i) => i % folds === k);
  const train = shuffled.filter((_, i) => i % folds !== k);
  const best = settings.reduce((a, b) =>
    objective(b.name, train) > objective(a.name, train) ? b : a,
  );
  console.log(
    `fold ${k + 1}: chose ${best.name}; held-out nDCG@10 ${f(mean(best.name, held, 'ndcg10'))}, Recall@100 ${f(mean(best.name, held, 'recall100'))}`,
  );
  cvNdcg += mean(best.name, held, 'ndcg10') * held.length;
  cvRecall += mean(best.name, held, 'recall100') * held.length;
}
console.log(
  `${folds}-fold cross-validated: nDCG@10 ${f(cvNdcg / qids.length)}, Recall@100 ${f(cvRecall / qids.length)}`,
);
