/**
 * Web benchmark: requests per second and latency of the home page, a paper page and a search
 * page, served by `folio serve` over the 74,728-paper arXiv CS corpus in a temporary SQLite
 * store, beside a bare Hono route on the same machine in the same run (the ceiling). Also the
 * server-side render time of each page (in-process, one request at a time).
 *
 *   npm run bench:web
 *   npm run bench:web -- --file other.jsonl.gz --duration 10 --connections 10
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import { importJsonl } from '../src/ingest/import-jsonl.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime } from '../src/runtime.ts';
import { createApp } from '../src/web/app.ts';
import { latestListDay } from '../src/papers/list-days.repository.ts';
import { listPeriod } from '../src/papers/daily-list.ts';
import { dayPeriod } from '../src/domain/periods.ts';
import { pageCache } from '../src/web/page-cache.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_FILE = path.resolve(
  ROOT,
  '..',
  'shared',
  'data',
  'arxiv-daily-cs',
  'papers.jsonl.gz',
);
const TARGETS = { requestsPerSecond: 1000, renderP95Ms: 15 } as const;

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts a child process and waits for its HTTP address to answer. */
async function startChild(
  args: string[],
  env: Record<string, string>,
  url: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not start: ${args.join(' ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until ten health checks in a row answer within 20 ms (at most 10 minutes); returns seconds waited. */
async function waitUntilIdle(url: string): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 10 && performance.now() - started < 600_000) {
    const t0 = performance.now();
    // A busy server may drop a kept-alive connection; that only means "not idle yet".
    const ok = await fetch(url)
      .then((r) => r.text())
      .then(() => true)
      .catch(() => false);
    quick = ok && performance.now() - t0 < 20 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 250));
  }
  return round((performance.now() - started) / 1000, 1);
}

async function main() {
  const file = option('--file', DEFAULT_FILE);
  const duration = Number(option('--duration', '10'));
  const connections = Number(option('--connections', '10'));
  if (!fs.existsSync(file)) {
    console.error(
      `bench:web needs ${file} (the shared arXiv CS corpus); pass --file to use another.`,
    );
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-web-'));
  const store = path.join(dir, 'folio.db');
  const env = {
    FOLIO_DATA_DIR: dir,
    FOLIO_DATABASE_URL: store,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
    FOLIO_HOST: '127.0.0.1',
  };
  const children: ChildProcess[] = [];
  try {
    // 1. The corpus into a fresh store.
    const runtime = await openRuntime(loadConfig(env), { logger: silentLogger });
    const started = performance.now();
    const imported = await importJsonl(
      { db: runtime.db, clock: systemClock, logger: silentLogger },
      file,
    );
    console.error(
      `imported ${imported.inserted} papers in ${round((performance.now() - started) / 1000, 1)} s`,
    );

    // 2. Pages to measure: the home page, a paper from the latest day, a search.
    const day = (await latestListDay(runtime.db.kysely))!;
    const [first] = await listPeriod(runtime.db, dayPeriod(day), { limit: 1 });
    const pages = {
      home: '/',
      paper: `/papers/${first!.paper.id}`,
      search: '/papers?q=diffusion+language+models',
    };

    // 3. Server render time, in-process and one request at a time (no network, no queueing).
    const app = createApp(runtime);
    const render: Record<
      string,
      { p50Ms: number; p95Ms: number; cachedP50Ms: number; cachedP95Ms: number; bytes: number }
    > = {};
    const cache = pageCache(runtime);
    const timeRequests = async (
      address: string,
      n: number,
      before: () => void,
      cookie?: string,
    ) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        before();
        const t0 = performance.now();
        const res = await app.request(address, cookie ? { headers: { cookie } } : {});
        await res.text();
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${address} answered ${res.status}`);
      }
      return times;
    };
    for (const [name, address] of Object.entries(pages)) {
      let bytes = 0;
      for (let i = 0; i < 20; i++) bytes = (await (await app.request(address)).text()).length;
      // Full render: nothing cached, and a returning visitor (so the page is built for them).
      const full = await timeRequests(
        address,
        200,
        () => cache.invalidate(),
        `folio_visit=1.${Date.now()}`,
      );
      // A first-time visitor, signed out: what a crowd arriving from a link gets.
      const cached = await timeRequests(address, 300, () => undefined);
      render[name] = {
        p50Ms: round(percentile(full, 50)),
        p95Ms: round(percentile(full, 95)),
        cachedP50Ms: round(percentile(cached, 50)),
        cachedP95Ms: round(percentile(cached, 95)),
        bytes,
      };
    }
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
    // A fresh store makes the server build its search vectors in the background first;
    // measure the steady state, once /healthz answers quickly again.
    const settled = await waitUntilIdle(`http://127.0.0.1:${sitePort}/healthz`);
    if (children[0]!.exitCode !== null) throw new Error('the site server exited while settling');
    console.error(`server settled after ${settled} s of background work`);
    children.push(
      await startChild(
        ['bench/web-ceiling.server.ts'],
        { PORT: String(ceilingPort) },
        `http://127.0.0.1:${ceilingPort}/`,
      ),
    );
    const targets: [string, string][] = [
      ['bare Hono route (ceiling)', `http://127.0.0.1:${ceilingPort}/`],
      ...Object.entries(pages).map(([name, address]): [string, string] => [
        name,
        `http://127.0.0.1:${sitePort}${address}`,
      ]),
    ];
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

    console.log(
      `\nweb bench: ${imported.inserted.toLocaleString('en')} papers, ${connections} connections, ${duration} s each`,
    );
    console.table(rows);
    const result = {
      bench: 'web',
      file: path.basename(file),
      papers: imported.inserted,
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((n) => round(n)),
      connections,
      durationSeconds: duration,
      targets: TARGETS,
      pages,
      results: rows,
      met: rows
        .filter((r) => r.page === 'home' || r.page === 'paper')
        .every(
          (r) =>
            r.requestsPerSecond >= TARGETS.requestsPerSecond &&
            r.errors === 0 &&
            (r.renderP95Ms ?? 0) <= TARGETS.renderP95Ms,
        ),
    };
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'bench', 'results', 'web.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(
      `targets (home and paper): ≥${TARGETS.requestsPerSecond} req/s, no errors, render p95 ≤ ${TARGETS.renderP95Ms} ms → ${result.met ? 'met' : 'not met on this run'}`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
