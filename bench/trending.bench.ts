/**
 * Trending benchmark: the 74,728-paper arXiv corpus imported into a temporary SQLite store,
 * synthetic signals (100,000 votes from 5,000 members, 30 days of star history for 20,000
 * repositories), then
 *   - a full recompute and an incremental one (after 200 new votes), target ≤ 5 s;
 *   - thinning star history past the trending windows: a first pass over older checks of 2,000
 *     repositories, four a day for 24 days, target ≤ 5 s;
 *   - the trending page's server time over in-process requests, target p95 ≤ 10 ms, beside a
 *     floor: a bare Hono route answering the same way.
 *
 *   npm run bench:trending [-- --file other.jsonl.gz] [-- --requests 400]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { importJsonl } from '../src/ingest/import-jsonl.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime, type Runtime } from '../src/services.ts';
import { pruneStarHistory } from '../src/trending/github/star-history-pruning.ts';
import { recomputeTrending } from '../src/trending/recompute.service.ts';
import { createApp } from '../src/web/app.ts';
import { DEFAULT_CORPUS, option, requireCorpus } from './support/corpus.ts';
import { writeResult } from './support/report.ts';
import { createPapersService } from '../src/papers/paper.service.ts';

const FILE = option('--file') ?? DEFAULT_CORPUS;
const REQUESTS = Number(option('--requests') ?? 400);
const NOW = '2026-07-01T12:00:00.000Z';
const DAY = 86_400_000;
const TARGETS = { recomputeMs: 5000, pageP95Ms: 10, pruneMs: 5000 };

/** A small deterministic generator so every run stores the same signals. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function seedSignals(runtime: Runtime) {
  const { kysely } = runtime.db;
  const rand = random(42);
  const now = Date.parse(NOW);
  const papers = (
    await kysely
      .selectFrom('papers')
      .select(['id', 'listing_date'])
      .orderBy('listing_date', 'desc')
      .orderBy('id')
      .execute()
  ).map((p) => p.id);
  // Attention goes mostly to recent papers: pick ranks with a heavy head.
  const pick = () => papers[Math.floor(papers.length * rand() ** 3)]!;

  const users = Array.from({ length: 5000 }, (_, i) => ({
    email: `member${i}@bench.example`,
    name: `member${i}`,
    created_at: new Date(now - 60 * DAY + i * 1000).toISOString(),
  }));
  await kysely.transaction().execute(async (trx) => {
    await insertBatches(users, 500, (b) => trx.insertInto('users').values(b).execute());
  });
  const userIds = (await kysely.selectFrom('users').select('id').execute()).map((u) => u.id);

  const seen = new Set<string>();
  const votes: { user_id: number; paper_id: string; created_at: string }[] = [];
  while (votes.length < 100_000) {
    const user = userIds[Math.floor(rand() * userIds.length)]!;
    const paper = pick();
    const key = `${user}:${paper}`;
    if (seen.has(key)) continue;
    seen.add(key);
    votes.push({
      user_id: user,
      paper_id: paper,
      created_at: new Date(now - Math.floor(rand() * 30 * DAY)).toISOString(),
    });
  }
  await kysely.transaction().execute(async (trx) => {
    await insertBatches(votes, 500, (b) => trx.insertInto('votes').values(b).execute());
  });

  // 20,000 papers get a GitHub repository with a daily star history over 30 days.
  // (A third of the papers at most, so a small --file corpus does not loop forever.)
  const withCode = new Set<string>();
  const repoCount = Math.min(20_000, Math.floor(papers.length / 3));
  while (withCode.size < repoCount) withCode.add(pick());
  const repoRows = [...withCode].map((id, i) => ({
    id,
    code_repo: `github:bench/repo${i}`,
  }));
  await kysely.transaction().execute(async (trx) => {
    for (const r of repoRows)
      await trx
        .updateTable('papers')
        .set({ code_repo: r.code_repo })
        .where('id', '=', r.id)
        .execute();
    await insertBatches(repoRows, 500, (b) =>
      trx
        .insertInto('repos')
        .values(
          b.map((r) => ({
            code_repo: r.code_repo,
            full_name: r.code_repo.slice(7),
            created_at: NOW,
            next_check_at: NOW,
          })),
        )
        .execute(),
    );
  });
  const repoIds = (await kysely.selectFrom('repos').select('id').execute()).map((r) => r.id);
  const snapshots: { repo_id: number; taken_at: string; stars: number; gained: number }[] = [];
  for (const repo of repoIds) {
    let stars = Math.floor(rand() * 2000);
    const rate = rand() ** 4 * 300;
    for (let d = 30; d >= 0; d--) {
      const gained = d === 30 ? 0 : Math.floor(rand() * rate);
      stars += gained;
      snapshots.push({
        repo_id: repo,
        taken_at: new Date(now - d * DAY - Math.floor(rand() * 3_600_000)).toISOString(),
        stars,
        gained,
      });
    }
  }
  await kysely.transaction().execute(async (trx) => {
    await insertBatches(snapshots, 500, (b) =>
      trx.insertInto('star_snapshots').values(b).execute(),
    );
  });
  // Older checks, four a day, of some repositories: history the pruning thins to daily.
  const old: typeof snapshots = [];
  for (const repo of repoIds.slice(0, 2000))
    for (let d = 60; d > 36; d--)
      for (let q = 0; q < 4; q++)
        old.push({
          repo_id: repo,
          taken_at: new Date(now - d * DAY + q * 6 * 3_600_000).toISOString(),
          stars: 0,
          gained: Math.floor(rand() * 5),
        });
  await kysely.transaction().execute(async (trx) => {
    await insertBatches(old, 500, (b) => trx.insertInto('star_snapshots').values(b).execute());
  });
  return {
    papers,
    userIds,
    votes: votes.length,
    repos: repoIds.length,
    snapshots: snapshots.length + old.length,
  };
}

async function timeRequests(request: () => Promise<Response>, n: number) {
  for (let i = 0; i < 20; i++) await (await request()).text();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await request();
    await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const cpuPerRequest = cpuMs(process.cpuUsage(cpu)) / n;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]!, cpuPerRequest };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function main() {
  requireCorpus(FILE, `corpus not found: ${FILE}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-trending-'));
  const clock = fixedClock(NOW);
  const config = loadConfig({
    FOLIO_DATA_DIR: dir,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
  });
  const runtime = await openRuntime(config, { clock, logger: silentLogger });
  try {
    let t = performance.now();
    const imported = await importJsonl(
      {
        db: runtime.db,
        clock,
        logger: silentLogger,
        papers: createPapersService({ db: runtime.db, clock, logger: silentLogger }),
      },
      FILE,
    );
    const importMs = performance.now() - t;
    t = performance.now();
    const seeded = await seedSignals(runtime);
    const seedMs = performance.now() - t;

    // CPU time beside wall time: SQLite runs on this thread, so CPU time is what a quiet
    // machine would take, while wall time includes waiting for the shared cores.
    t = performance.now();
    let cpu = process.cpuUsage();
    const full = await recomputeTrending(runtime.db, clock, config.trending, { full: true });
    const fullMs = performance.now() - t;
    const fullCpuMs = Math.round(cpuMs(process.cpuUsage(cpu)));

    clock.advance(10 * 60_000);
    const nowIso = clock.now().toISOString();
    const fresh = Array.from({ length: 200 }, (_, i) => ({
      user_id: seeded.userIds[i]!,
      paper_id: seeded.papers[1000 + i]!,
      created_at: nowIso,
    }));
    await runtime.db.kysely
      .insertInto('votes')
      .values(fresh)
      .onConflict((oc) => oc.doNothing())
      .execute();
    t = performance.now();
    cpu = process.cpuUsage();
    const incremental = await recomputeTrending(runtime.db, clock, config.trending);
    const incrementalMs = performance.now() - t;
    const incrementalCpuMs = Math.round(cpuMs(process.cpuUsage(cpu)));

    t = performance.now();
    cpu = process.cpuUsage();
    const pruned = await pruneStarHistory(runtime.db, clock);
    const pruneMs = performance.now() - t;
    const pruneCpuMs = Math.round(cpuMs(process.cpuUsage(cpu)));

    const app = createApp(runtime);
    const bare = new Hono();
    bare.get('/bare', (c) => c.html('<!doctype html><p>ok</p>'));
    const floor = await timeRequests(() => Promise.resolve(bare.request('/bare')), REQUESTS);
    const page = await timeRequests(
      () => Promise.resolve(app.request('/papers/trending')),
      REQUESTS,
    );
    const filtered = await timeRequests(
      () =>
        Promise.resolve(app.request('/papers/trending?window=7d&category=cs.CL&code=1&within=30')),
      REQUESTS,
    );

    const rows = [
      ['import corpus', `${imported.inserted} papers`, `${(importMs / 1000).toFixed(1)} s`, ''],
      [
        'seed signals',
        `${seeded.votes} votes, ${seeded.repos} repos, ${seeded.snapshots} snapshots`,
        `${(seedMs / 1000).toFixed(1)} s`,
        '',
      ],
      [
        'recompute (full)',
        `${full.papers} papers, ${full.rows} rows`,
        `${fullMs.toFixed(0)} ms (CPU ${fullCpuMs} ms)`,
        `≤ ${TARGETS.recomputeMs} ms`,
      ],
      [
        'recompute (incremental)',
        `${incremental.papers} papers, ${incremental.rows} rows`,
        `${incrementalMs.toFixed(0)} ms (CPU ${incrementalCpuMs} ms)`,
        `≤ ${TARGETS.recomputeMs} ms`,
      ],
      [
        'thin star history (first pass)',
        `${pruned.removed} snapshots removed`,
        `${pruneMs.toFixed(0)} ms (CPU ${pruneCpuMs} ms)`,
        `≤ ${TARGETS.pruneMs} ms`,
      ],
      [
        'floor: bare Hono route',
        `p50 ${floor.p50.toFixed(2)} ms`,
        `p95 ${floor.p95.toFixed(2)} ms (CPU/request ${floor.cpuPerRequest.toFixed(2)} ms)`,
        '',
      ],
      [
        'GET /papers/trending',
        `p50 ${page.p50.toFixed(2)} ms`,
        `p95 ${page.p95.toFixed(2)} ms (CPU/request ${page.cpuPerRequest.toFixed(2)} ms)`,
        `p95 ≤ ${TARGETS.pageP95Ms} ms`,
      ],
      [
        'GET /papers/trending (7d, cs.CL, code, 30 days)',
        `p50 ${filtered.p50.toFixed(2)} ms`,
        `p95 ${filtered.p95.toFixed(2)} ms (CPU/request ${filtered.cpuPerRequest.toFixed(2)} ms)`,
        `p95 ≤ ${TARGETS.pageP95Ms} ms`,
      ],
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));

    const result = {
      when: new Date().toISOString(),
      store: 'sqlite',
      corpus: { file: path.basename(FILE), papers: imported.inserted },
      signals: { votes: seeded.votes, repos: seeded.repos, snapshots: seeded.snapshots },
      recompute: {
        fullMs: Math.round(fullMs),
        fullCpuMs,
        fullPapers: full.papers,
        fullRows: full.rows,
        incrementalMs: Math.round(incrementalMs),
        incrementalCpuMs,
        incrementalPapers: incremental.papers,
      },
      prune: { ms: Math.round(pruneMs), cpuMs: pruneCpuMs, removed: pruned.removed },
      page: { requests: REQUESTS, floor, trending: page, trendingFiltered: filtered },
      targets: TARGETS,
      met: {
        recompute: fullMs <= TARGETS.recomputeMs,
        prune: pruneMs <= TARGETS.pruneMs,
        page: page.p95 <= TARGETS.pageP95Ms && filtered.p95 <= TARGETS.pageP95Ms,
      },
      note: 'the machine is shared while this runs; figures are pessimistic',
    };
    writeResult('trending', result);
  } finally {
    await runtime.close();
    if (process.argv.includes('--keep')) console.log(`store kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
