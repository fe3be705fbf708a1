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

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_FILE = path.resolve(
  ROOT,
  '..',
  'shared',
  'data',
  'arxiv-daily-cs',
  'papers.jsonl.gz',
);
const TARGETS = { p95Ms: 10, requestsPerSecond: 1500 } as const;

interface Instance {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
interface AutocannonResult {
  requests: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<AutocannonResult> & Instance) & {
  (
    options: Record<string, unknown>,
    done: (err: Error | null, result: AutocannonResult) => void,
  ): Instance;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** Starts a child process and waits until `url` answers. */
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
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not start: ${args.join(' ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** autocannon over one URL, keeping every response time so p95 is exact (autocannon reports p97.5). */
function load(url: string, connections: number, duration: number) {
  return new Promise<{ rps: number; p50: number; p95: number; errors: number }>(
    (resolve, reject) => {
      const times: number[] = [];
      // As HTTP clients do (browsers, requests, fetch): ask for a compressed body.
      const headers = { 'accept-encoding': 'gzip' };
      const instance = autocannon({ url, connections, duration, headers }, (err, result) => {
        if (err) return reject(err);
        resolve({
          rps: Math.round(result.requests.average),
          p50: round(percentile(times, 50)),
          p95: round(percentile(times, 95)),
          errors: result.errors + result.timeouts + result.non2xx,
        });
      });
      instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
    },
  );
}

async function main() {
  const file = option('--file', DEFAULT_FILE);
  const duration = Number(option('--duration', '10'));
  const connections = Number(option('--connections', '10'));
  if (!fs.existsSync(file)) {
    console.error(
      `bench:api needs ${file} (the shared arXiv CS corpus); pass --file to use another.`,
    );
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-api-'));
  const env = {
    FOLIO_DATA_DIR: dir,
    FOLIO_DATABASE_URL: path.join(dir, 'folio.db'),
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
    FOLIO_HOST: '127.0.0.1',
  };
  const children: ChildProcess[] = [];
  try {
    const runtime = await openRuntime(loadConfig(env), { logger: silentLogger });
    const started = performance.now();
    const imported = await importJsonl(
      { db: runtime.db, clock: systemClock, logger: silentLogger },
      file,
    );
    console.error(
      `imported ${imported.inserted} papers in ${round((performance.now() - started) / 1000, 1)} s`,
    );

    const endpoints = { daily_papers: '/api/daily_papers', 'daily feed (RSS)': '/feeds/daily.rss' };
    const app = createApp(runtime);
    const inProcess: Record<string, { p50Ms: number; p95Ms: number; bytes: number }> = {};
    for (const [name, address] of Object.entries(endpoints)) {
      let bytes = 0;
      for (let i = 0; i < 20; i++) bytes = (await (await app.request(address)).text()).length;
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        const t0 = performance.now();
        const res = await app.request(address);
        await res.text();
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${address} answered ${res.status}`);
      }
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
    children.push(
      await startChild(
        ['bench/web-ceiling.server.ts'],
        { PORT: String(floorPort) },
        `http://127.0.0.1:${floorPort}/`,
      ),
    );
    const targets: [string, string][] = [
      ['bare Hono route (floor)', `http://127.0.0.1:${floorPort}/`],
      ...Object.entries(endpoints).map(([name, address]): [string, string] => [
        name,
        `http://127.0.0.1:${sitePort}${address}`,
      ]),
    ];
    const rows = [];
    for (const [name, url] of targets) {
      await load(url, connections, 2); // warm-up
      const r = await load(url, connections, duration);
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
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((n) => round(n)),
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
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'bench', 'results', 'api.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(
      `targets: p95 ≤ ${TARGETS.p95Ms} ms and ≥ ${TARGETS.requestsPerSecond} req/s, no errors → ${result.met ? 'met' : 'not met on this run'} (load average ${result.loadAverage.join(' ')})`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
