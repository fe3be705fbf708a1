/**
 * Search latency on the real arXiv corpus (74,728 papers) or a synthesized larger one:
 * p50/p95/p99 of keyword, semantic and hybrid search (2–3 word topics and full titles) and of
 * similar-papers lookups, beside the floor of a bare FTS5 query over the same words. Also the
 * built-in model's training time and the incremental embedding rate through the paper listener.
 *
 *   npm run bench:search-latency [-- --papers 1000000] [--queries 300] [--db postgres://…]
 *     [--store DIR]   keep the SQLite store in DIR and reuse its papers on the next run
 *                     (models, vectors and index files are dropped, so bring-up is measured anew)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { PaperRecord } from '../src/domain/paper.ts';
import { countPapers } from '../src/papers/paper.repository.ts';
import { upsertRecords } from '../src/papers/paper.service.ts';
import { trainLsa } from '../src/search/embed/lsa-train.ts';
import { fts5Expression } from '../src/search/keyword/fts5-keyword.ts';
import { parseQuery } from '../src/search/query-parser.ts';
import type { SearchMode } from '../src/search/search.types.ts';
import { STOPWORDS } from '../src/search/text/stopwords.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import {
  openBenchStore,
  percentile,
  readJsonl,
  seeded,
  storeAll,
  syntheticId,
  writeResults,
} from './search-support.ts';

const { values: args } = parseArgs({
  options: {
    papers: { type: 'string' },
    db: { type: 'string' },
    queries: { type: 'string', default: '300' },
    store: { type: 'string' },
    corpus: {
      type: 'string',
      default: path.resolve(
        import.meta.dirname,
        '../../shared/data/arxiv-daily-cs/papers.jsonl.gz',
      ),
    },
  },
});
const perKind = Number(args.queries);
const random = seeded(11);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

interface Raw {
  id: string;
  title: string;
  summary: string;
  authors?: string[];
  categories?: string[];
  listing_date?: string;
}
const real: PaperRecord[] = [];
for await (const p of readJsonl<Raw>(args.corpus))
  real.push({
    id: p.id,
    title: p.title,
    abstract: p.summary,
    authors: p.authors ?? [],
    categories: p.categories ?? [],
    listingDate: p.listing_date ?? null,
  });
const wanted = args.papers ? Number(args.papers) : real.length;

/** Papers beyond the real ones: words drawn from the real corpus's own word stream, real lengths. */
function* synthesize(count: number, offset: number): Generator<PaperRecord> {
  const words: string[] = [];
  for (let i = 0; i < 20_000; i++) words.push(...pick(real).abstract.split(/\s+/));
  for (let i = 0; i < count; i++) {
    const model = pick(real);
    const tl = model.title.split(/\s+/).length;
    const al = model.abstract.split(/\s+/).length;
    const start = Math.floor(random() * (words.length - al - tl));
    yield {
      id: syntheticId(offset + i),
      title: words.slice(start, start + tl).join(' '),
      abstract: words.slice(start + tl, start + tl + al).join(' '),
      authors: model.authors,
      categories: model.categories,
      listingDate: model.listingDate ?? null,
    };
  }
}

const store = await openBenchStore(args.db, {
  keepDir: args.store,
  logger: createLogger('warn'),
});
const { db, search, semantic } = store;
let t = Date.now();
const already = await countPapers(db.kysely);
if (already >= wanted) {
  // A kept store: its papers stay, except those an earlier run added incrementally (they are
  // added again below); everything semantic search derived from them goes.
  await sql`delete from papers where pid > (select max(pid) from
    (select pid from papers order by pid limit ${wanted}) kept)`.execute(db.kysely);
  await db.kysely.deleteFrom('embeddings').execute();
  await db.kysely.deleteFrom('embedding_models').execute();
  fs.rmSync(path.join(store.dataDir, 'search-index'), { recursive: true, force: true });
  console.error(`reusing the ${already} papers stored in ${store.dataDir}`);
} else {
  await storeAll(db, real.slice(0, Math.min(wanted, real.length)));
  // Synthesized papers go in last, after the real ones that queries come from.
  if (wanted > real.length) await storeAll(db, synthesize(wanted - real.length, 0));
}
const loadMs = Date.now() - t;
const stage = (name: string) => {
  const m = process.memoryUsage();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.error(
    `${name}: rss ${mb(m.rss)} (peak so far ${mb(process.resourceUsage().maxRSS * 1024)}), heap ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)}, external ${mb(m.external)}`,
  );
};
stage('stored');

// Training time alone, on the same papers the service trains on (at most 200,000, newest). At
// synthesized scales the bring-up below includes training; timing it twice would only add load.
let trainMs: number | null = null;
let trainPapers = 0;
if (wanted <= real.length) {
  const trainRows = await db.kysely
    .selectFrom('papers')
    .select(['title', 'abstract'])
    .orderBy('pid', 'desc')
    .limit(200_000)
    .execute();
  t = Date.now();
  await trainLsa(trainRows);
  trainMs = Date.now() - t;
  trainPapers = trainRows.length;
}

// The in-process keyword index, built from the store as at start-up.
t = Date.now();
search.keyword.start();
await search.keyword.idle();
const keywordIndexMs = Date.now() - t;

stage('keyword index built');
const keywordBytes = () => {
  const f = search.keyword.footprint();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  return `postings ${mb(f.postings)} (+${mb(f.spare)} spare), per paper ${mb(f.docs)}, per term ${mb(f.terms)}`;
};
console.error(`keyword index: ${keywordBytes()}`);

t = Date.now();
semantic.start();
await semantic.idle();
const bringUpMs = Date.now() - t;
stage('semantic search up');
if (!semantic.ready()) {
  const { semantic: state, error } = semantic.status();
  console.error(`semantic search did not come up (${state}): ${error ?? 'no error recorded'}`);
  process.exit(1);
}

// Incremental embedding: new papers through the paper listener (embed, store, index).
const fresh = [...synthesize(5000, 9_000_000)];
const storedFresh: Parameters<typeof semantic.onPapersStored>[0][] = [];
await upsertRecords(db, systemClock, fresh, {
  source: 'bench',
  onStored: (p) => void storedFresh.push(p),
});
t = Date.now();
for (const batch of storedFresh) await semantic.onPapersStored(batch);
const incrementalRate = (fresh.length / (Date.now() - t)) * 1000;
for (const batch of storedFresh) await search.keyword.onPapersStored(batch);

// Queries come from their own generator, so a run on a kept store asks the same ones.
const sample = seeded(12);
const choose = <T>(list: T[]) => list[Math.floor(sample() * list.length)]!;
const source = real.slice(0, Math.min(wanted, real.length));
const topics: string[] = [];
while (topics.length < perKind) {
  const words =
    choose(source)
      .title.toLowerCase()
      .match(/[a-z]{3,}/g)
      ?.filter((w) => !STOPWORDS.has(w)) ?? [];
  if (words.length < 3) continue;
  const n = 2 + Math.floor(sample() * 2);
  const at = Math.floor(sample() * (words.length - n + 1));
  topics.push(words.slice(at, at + n).join(' '));
}
const titles = Array.from({ length: perKind }, () => choose(source).title);
const ids = Array.from({ length: perKind }, () => choose(source).id);

async function time(list: string[], run: (q: string) => Promise<unknown>) {
  for (const q of list.slice(0, 20)) await run(q); // warm-up
  const ms: number[] = [];
  for (const q of list) {
    const s = process.hrtime.bigint();
    await run(q);
    ms.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return {
    n: ms.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
  };
}
// The floor is the store's own full-text ranking over the same words, top 10 only.
const floor = (q: string) => {
  if (db.dialect === 'postgres') {
    const words = parseQuery(q).terms.map((x) => x.word);
    return sql`select p.pid from papers p, to_tsquery('english', ${words.join(' | ')}) tq
      where p.search_vector @@ tq order by ts_rank(p.search_vector, tq) desc limit 10`.execute(
      db.kysely,
    );
  }
  const expr = fts5Expression(parseQuery(q));
  return sql`select rowid from papers_fts where papers_fts match ${expr} order by rank limit 10`.execute(
    db.kysely,
  );
};
const modeRun = (mode: SearchMode) => (q: string) => search.search({ q, mode, limit: 10 });
const rows: [string, Awaited<ReturnType<typeof time>>][] = [];
const floorName = db.dialect === 'postgres' ? 'floor: bare ts_rank' : 'floor: bare FTS5';
// A bare full-text ranking scans every match: past the real corpus it takes seconds a query, so
// fewer floor queries are timed there (the n column says how many).
const floorCount = wanted > real.length ? Math.min(perKind, 60) : perKind;
rows.push([`${floorName}, topics`, await time(topics.slice(0, floorCount), floor)]);
rows.push([`${floorName}, titles`, await time(titles.slice(0, floorCount), floor)]);
for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
  rows.push([`${mode}, topics`, await time(topics, modeRun(mode))]);
  rows.push([`${mode}, titles`, await time(titles, modeRun(mode))]);
}
// A second page reads past the first ten keyword matches, where feedback reorders the list.
const secondPage = (q: string) => search.search({ q, mode: 'keyword', limit: 20, offset: 20 });
rows.push(['keyword, topics, page 2 of 20', await time(topics, secondPage)]);
rows.push(['keyword, titles, page 2 of 20', await time(titles, secondPage)]);
rows.push(['similar papers', await time(ids, (id) => search.similar(id, 10))]);
stage('queried');
console.error(`keyword index: ${keywordBytes()}`);
const status = search.status();
const rssMb = process.memoryUsage().rss / 1024 / 1024;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

console.log(
  `\nsearch latency, ${wanted} papers (${status.index} vector index, ${status.model?.id}), ms`,
);
console.log('what                          n     p50     p95     p99');
for (const [name, r] of rows)
  console.log(
    `${name.padEnd(28)} ${String(r.n).padStart(4)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)}`,
  );
console.log(
  `load ${(loadMs / 1000).toFixed(1)} s; training ${trainMs === null ? 'not timed alone' : `${(trainMs / 1000).toFixed(1)} s on ${trainPapers} papers`}; start-up train+embed+index ${(bringUpMs / 1000).toFixed(1)} s`,
);
console.log(`keyword index built in ${(keywordIndexMs / 1000).toFixed(1)} s`);
console.log(
  `incremental embedding ${incrementalRate.toFixed(0)} papers/s; RSS while querying ${rssMb.toFixed(0)} MB, peak ${peakRssMb.toFixed(0)} MB`,
);
const resultName = `search-latency${wanted === real.length ? '' : `-${wanted}`}${db.dialect === 'postgres' ? '-postgres' : ''}`;
const file = writeResults(resultName, {
  dialect: db.dialect,
  at: new Date().toISOString(),
  papers: wanted,
  index: status.index,
  model: status.model,
  latencyMs: Object.fromEntries(rows),
  loadMs,
  trainMs,
  trainPapers,
  bringUpMs,
  keywordIndexMs,
  incrementalPapersPerSecond: incrementalRate,
  rssMb,
  peakRssMb,
});
console.log(`wrote ${file}`);
await store.cleanup();
