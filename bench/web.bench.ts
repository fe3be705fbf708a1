/**
 * Web benchmark: requests per second and latency of the home page, a paper page, a search
 * page, the trending page and an author page, served by `folio serve` over the 74,728-paper arXiv
 * CS corpus plus the 596 days of Hugging Face daily lists (for trending) in a temporary SQLite
 * store, beside a bare Hono route on the same machine in the same run (the ceiling). Also the
 * server-side render time of each page (in-process, one request at a time).
 *
 *   npm run bench:web
 *   npm run bench:web -- --file other.jsonl.gz --duration 10 --connections 10
 */
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime } from '../src/services.ts';
import { createApp } from '../src/web/app.ts';
import { latestListDay } from '../src/papers/list-days.repository.ts';
import { listPeriod } from '../src/papers/daily-list.ts';
import { dayPeriod } from '../src/domain/periods.ts';
import { DEFAULT_CORPUS, importCorpus, option, requireCorpus } from './support/corpus.ts';
import { writeDemoDataUntil } from '../src/settings/demo-data.ts';
import { recomputeTrending } from '../src/trending/recompute.service.ts';

const HF_ARCHIVE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'data',
  'hf-daily-archive',
  'hf-daily-archive.jsonl.gz',
);
import { autocannon, timeRequests, warmUp } from './support/load.ts';
import {
  benchQueries,
  engineVersusPage,
  SEARCH_PAGE_TARGETS,
  searchUnderLoad,
} from './search-web.ts';
import { machine, percentile, round, writeResult } from './support/report.ts';
import {
  startChild,
  stopAndClean,
  tempStoreEnv,
  waitUntilIdle,
  loadTargets,
  startBareRoute,
} from './support/server.ts';

const TARGETS = { requestsPerSecond: 1000, renderP95Ms: 15 } as const;

async function main() {
  const file = option('--file', DEFAULT_CORPUS);
  const duration = Number(option('--duration', '10'));
  const connections = Number(option('--connections', '10'));
  requireCorpus(
    file,
    `bench:web needs ${file} (the shared arXiv CS corpus); pass --file to use another.`,
  );
  const env = tempStoreEnv('folio-bench-web-');
  const children: ChildProcess[] = [];
  try {
    // 1. The corpus into a fresh store.
    const runtime = await openRuntime(loadConfig(env), { logger: silentLogger });
    const imported = await importCorpus(runtime, file);
    // Hugging Face's lists give trending real signals; like the demo, its windows end with them.
    await importCorpus(runtime, HF_ARCHIVE);
    await writeDemoDataUntil(runtime.db, (await latestListDay(runtime.db.kysely))!);
    await recomputeTrending(runtime.db, runtime.clock, runtime.config.trending, { full: true });

    // 2. Pages to measure: the home page, a paper from the latest day, a search.
    const day = (await latestListDay(runtime.db.kysely))!;
    const [first] = await listPeriod(runtime.db, dayPeriod(day), { limit: 1 });
    const pages = {
      home: '/',
      paper: `/papers/${first!.paper.id}`,
      search: '/papers?q=diffusion+language+models',
      trending: '/papers/trending?window=7d',
      author: `/authors/${encodeURIComponent(first!.paper.authors[0]!)}`,
    };

    // 3. Server render time, in-process and one request at a time (no network, no queueing).
    const app = createApp(runtime);
    const render: Record<
      string,
      { p50Ms: number; p95Ms: number; cachedP50Ms: number; cachedP95Ms: number; bytes: number }
    > = {};
    const cache = runtime.pageCache;
    for (const [name, address] of Object.entries(pages)) {
      const bytes = await warmUp(app, address);
      // Full render: nothing cached, and a returning visitor (so the page is built for them).
      const full = await timeRequests(
        app,
        address,
        200,
        () => cache.invalidate(),
        `folio_visit=1.${Date.now()}`,
      );
      // A first-time visitor, signed out: what a crowd arriving from a link gets.
      const cached = await timeRequests(app, address, 300);
      render[name] = {
        p50Ms: round(percentile(full, 50)),
        p95Ms: round(percentile(full, 95)),
        cachedP50Ms: round(percentile(cached, 50)),
        cachedP95Ms: round(percentile(cached, 95)),
        bytes,
      };
    }
    // 3b. The search page against its engine: the same varied queries, semantic search ready.
    runtime.search.start();
    await runtime.search.semantic?.idle();
    await runtime.search.keyword.idle();
    const queries = await benchQueries(runtime);
    const searchRender = await engineVersusPage(runtime, app, queries, () => cache.invalidate());
    await runtime.close();

    // 4. Throughput over HTTP: the site in its own process, and the bare-route ceiling.
    const sitePort = 38_000 + Math.floor(Math.random() * 1000);
    const ceilingPort = sitePort + 1000;
    children.push(
      await startChild(
        ['src/main.ts', 'serve', '--no-schedule'],
        { ...env, FOLIO_PORT: String(sitePort) },
        `http://127.0.0.1:${sitePort}/readyz`,
      ),
    );
    // A fresh store makes the server build its keyword index and search vectors in the
    // background first; measure the steady state, once both are built and /healthz answers
    // quickly again.
    const settled = await waitUntilIdle(`http://127.0.0.1:${sitePort}/healthz`);
    if (children[0]!.exitCode !== null) throw new Error('the site server exited while settling');
    console.error(`server settled after ${settled} s of background work`);
    children.push(await startBareRoute(ceilingPort));
    const targets = loadTargets('bare Hono route (ceiling)', ceilingPort, sitePort, pages);
    const rows = [];
    for (const [name, url] of targets) {
      await autocannon({ url, connections, duration: 2 }); // warm-up
      const r = await autocannon({ url, connections, duration });
      const key = name.startsWith('bare') ? 'ceiling' : name;
      rows.push({
        page: name,
        requestsPerSecond: Math.round(r.requests.average),
        latencyP50Ms: r.latency.p50,
        latencyP90Ms: r.latency.p90,
        latencyP97_5Ms: r.latency.p97_5,
        errors: r.errors + r.timeouts + r.non2xx,
        renderP50Ms: render[key]?.p50Ms ?? null,
        renderP95Ms: render[key]?.p95Ms ?? null,
        cachedRenderP95Ms: render[key]?.cachedP95Ms ?? null,
        htmlBytes: render[key]?.bytes ?? null,
      });
    }

    const searchLoad = await searchUnderLoad(`http://127.0.0.1:${sitePort}`, queries, 50, duration);

    console.log(
      `\nweb bench: ${imported.inserted.toLocaleString('en')} papers, ${connections} connections, ${duration} s each`,
    );
    console.table(rows);
    console.log('\nsearch page against its engine (same queries, in process, nothing cached)');
    console.table([searchRender]);
    console.log('search page under load (varied queries over HTTP)');
    console.table([searchLoad]);
    const searchMet =
      searchRender.ratioP95 <= SEARCH_PAGE_TARGETS.renderOverEngineP95 &&
      searchLoad.timeouts === 0 &&
      searchLoad.errors === 0 &&
      searchLoad.latencyP99Ms <= SEARCH_PAGE_TARGETS.loadP99Ms;
    console.log(
      `targets (search): page p95 ≤ ${SEARCH_PAGE_TARGETS.renderOverEngineP95}× engine p95; 50 connections: no timeouts or errors, p99 ≤ ${SEARCH_PAGE_TARGETS.loadP99Ms} ms → ${searchMet ? 'met' : 'not met on this run'}`,
    );
    const result = {
      bench: 'web',
      file: path.basename(file),
      papers: imported.inserted,
      date: new Date().toISOString(),
      ...machine(),
      connections,
      durationSeconds: duration,
      settledSeconds: settled,
      targets: TARGETS,
      pages,
      results: rows,
      search: {
        targets: SEARCH_PAGE_TARGETS,
        render: searchRender,
        load: searchLoad,
        met: searchMet,
      },
      met: rows
        .filter((r) => r.page === 'home' || r.page === 'paper')
        .every(
          (r) =>
            r.requestsPerSecond >= TARGETS.requestsPerSecond &&
            r.errors === 0 &&
            (r.renderP95Ms ?? 0) <= TARGETS.renderP95Ms,
        ),
    };
    const homeRate = rows.find((r) => r.page === 'home')?.requestsPerSecond ?? 0;
    const trendingRate = rows.find((r) => r.page === 'trending')?.requestsPerSecond ?? 0;
    const trendingMet = trendingRate >= homeRate / 4;
    console.log(
      `target (trending): ≥ a quarter of the home page's rate in the same run: ${trendingRate} vs ${homeRate} req/s → ${trendingMet ? 'met' : 'not met on this run'}`,
    );
    writeResult('web', {
      ...result,
      trending: { homeRate, trendingRate, met: trendingMet },
    });
    console.log(
      `targets (home and paper): ≥${TARGETS.requestsPerSecond} req/s, no errors, render p95 ≤ ${TARGETS.renderP95Ms} ms → ${result.met ? 'met' : 'not met on this run'}`,
    );
  } finally {
    await stopAndClean(children, env.FOLIO_DATA_DIR!);
  }
}

await main();
