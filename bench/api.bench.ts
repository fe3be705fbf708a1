/**
 * API benchmark: latency (p50/p95) and requests per second of the Hugging Face–compatible
 * /api/daily_papers list and the daily RSS feed, served by the app (bench/api-server.ts: the
 * site without its background indexing and schedules) over the 74,728-paper
 * arXiv CS corpus in a temporary SQLite store, beside a bare Hono route (the floor) measured in
 * the same run. Also each handler's in-process time, one request at a time.
 *
 *   npm run bench:api
 *   npm run bench:api -- --file other.jsonl.gz --duration 10 --connections 10
 */
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime } from '../src/services.ts';
import { createApp } from '../src/web/app.ts';
import { DEFAULT_CORPUS, importCorpus, option, requireCorpus } from './support/corpus.ts';
import { loadExact, timeRequests, warmUp } from './support/load.ts';
import { machine, percentile, round, writeResult } from './support/report.ts';
import {
  startChild,
  stopAndClean,
  tempStoreEnv,
  loadTargets,
  startBareRoute,
} from './support/server.ts';

const TARGETS = { p95Ms: 10, requestsPerSecond: 1500 } as const;

async function main() {
  const file = option('--file', DEFAULT_CORPUS);
  const duration = Number(option('--duration', '10'));
  const connections = Number(option('--connections', '10'));
  requireCorpus(
    file,
    `bench:api needs ${file} (the shared arXiv CS corpus); pass --file to use another.`,
  );
  const env = tempStoreEnv('folio-bench-api-');
  const children: ChildProcess[] = [];
  try {
    const runtime = await openRuntime(loadConfig(env), { logger: silentLogger });
    const imported = await importCorpus(runtime, file);

    const endpoints = { daily_papers: '/api/daily_papers', 'daily feed (RSS)': '/feeds/daily.rss' };
    const app = createApp(runtime);
    const inProcess: Record<string, { p50Ms: number; p95Ms: number; bytes: number }> = {};
    for (const [name, address] of Object.entries(endpoints)) {
      const bytes = await warmUp(app, address);
      const times = await timeRequests(app, address, 300);
      inProcess[name] = {
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        bytes,
      };
    }
    await runtime.close();

    const sitePort = 39_000 + Math.floor(Math.random() * 500);
    const floorPort = sitePort + 500;
    children.push(
      await startChild(
        ['bench/api-server.ts'],
        { ...env, FOLIO_PORT: String(sitePort) },
        `http://127.0.0.1:${sitePort}/readyz`,
      ),
    );
    children.push(await startBareRoute(floorPort));
    const targets = loadTargets('bare Hono route (floor)', floorPort, sitePort, endpoints);
    const rows = [];
    for (const [name, url] of targets) {
      await loadExact(url, connections, 2); // warm-up
      const r = await loadExact(url, connections, duration);
      rows.push({
        endpoint: name,
        requestsPerSecond: r.rps,
        latencyP50Ms: r.p50,
        latencyP95Ms: r.p95,
        errors: r.errors,
        inProcessP50Ms: inProcess[name]?.p50Ms ?? null,
        inProcessP95Ms: inProcess[name]?.p95Ms ?? null,
        bytes: inProcess[name]?.bytes ?? null,
      });
    }
    console.log(
      `\napi bench: ${imported.inserted.toLocaleString('en')} papers, ${connections} connections, ${duration} s each`,
    );
    console.table(rows);
    const measured = rows.filter((r) => !r.endpoint.startsWith('bare'));
    const result = {
      bench: 'api',
      file: path.basename(file),
      papers: imported.inserted,
      date: new Date().toISOString(),
      ...machine(),
      connections,
      durationSeconds: duration,
      targets: TARGETS,
      endpoints,
      results: rows,
      met: measured.every(
        (r) =>
          r.latencyP95Ms <= TARGETS.p95Ms &&
          r.requestsPerSecond >= TARGETS.requestsPerSecond &&
          r.errors === 0,
      ),
    };
    writeResult('api', result);
    console.log(
      `targets: p95 ≤ ${TARGETS.p95Ms} ms and ≥ ${TARGETS.requestsPerSecond} req/s, no errors → ${result.met ? 'met' : 'not met on this run'} (load average ${result.loadAverage.join(' ')})`,
    );
  } finally {
    await stopAndClean(children, env.FOLIO_DATA_DIR!);
  }
}

await main();
