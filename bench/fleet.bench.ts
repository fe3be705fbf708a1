/**
 * Fleet benchmark: a PostgreSQL primary and a streaming replica (two local clusters created
 * here with Debian's PostgreSQL 15 binaries, ports 5440 and 5441, data under /tmp), three
 * `folio serve` instances behind nginx using deploy/nginx-folio.conf, and a mixed load (pages,
 * search, API reads, token writes) for at least 60 s while one instance is killed with SIGKILL
 * (and restarted, as systemd would) and the primary is restarted once. Prints and writes
 * bench/results/fleet.json: writes acknowledged vs stored, requests failed outside and inside
 * the restart window, seconds until every instance serves again after the database returns,
 * runs per scheduled tick per job, and seconds until a paper stored through one instance is
 * found by keyword and by meaning on the others.
 *
 *   npm run bench:fleet
 *   npm run bench:fleet -- --duration 90 --workers 8 --keep
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { createPrimaryAndReplica, stopClusters, type Cluster } from './fleet/clusters.ts';
import { ROOT, option } from './support/corpus.ts';
import { machine, percentile, round, writeResult } from './support/report.ts';

const BASE = '/tmp/folio-fleet-bench';
const PG_PORT = 5440;
const NGINX_PORT = 3105;
const INSTANCE_PORTS = [3150, 3151, 3152];
const STUB_PORT = 3153;
const SECRET = 'fleet-bench-secret-0123456789abcdefghijklmnop';
const TARGETS = { recoverySeconds: 10, keywordSeconds: 5, semanticSeconds: 30 } as const;
/** A recorded arXiv API answer for a paper the demo corpus lacks. */
const NEW_PAPER = '1605.08386';
const RECORDED = path.resolve(
  ROOT,
  '..',
  'shared',
  'data',
  'arxiv-api-atom',
  'recorded-2026',
  'id_1605.08386_s0_m100_199195aa31ad.json',
);

interface Sample {
  at: number;
  path: string;
  kind: 'page' | 'search' | 'api' | 'write';
  status: number;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

async function main() {
  const duration = Number(option('--duration', '65'));
  const workers = Number(option('--workers', '8'));
  const keep = process.argv.includes('--keep');
  if (!fs.existsSync(RECORDED)) {
    console.error(`bench:fleet needs ${RECORDED} (../shared/data).`);
    process.exit(2);
  }
  stopClusters(BASE);
  fs.rmSync(BASE, { recursive: true, force: true });
  fs.mkdirSync(BASE, { recursive: true });

  console.log('creating the primary and its streaming replica…');
  const { primary, replica } = await createPrimaryAndReplica(path.join(BASE, 'pg'), PG_PORT);
  const stub = await startStub();
  const instances: Instance[] = INSTANCE_PORTS.map((port, i) =>
    instance(i, port, primary, replica),
  );
  let nginx: { stop(): void } | null = null;
  try {
    console.log('first start: instance 1 loads the demo corpus and trains…');
    const t0 = now();
    instances[0]!.start();
    await waitReady(instances[0]!, { semantic: true, timeoutMs: 15 * 60_000 });
    const firstStartSeconds = round((now() - t0) / 1000, 1);
    console.log(`  ready with semantic search after ${firstStartSeconds} s; starting the others…`);
    instances[1]!.start();
    instances[2]!.start();
    await Promise.all(
      instances.slice(1).map((i) => waitReady(i, { semantic: true, timeoutMs: 5 * 60_000 })),
    );
    const models = await distinctModels(primary);
    nginx = startNginx();
    const site = `http://127.0.0.1:${NGINX_PORT}`;
    const fixture = await prepare(primary);

    console.log(`mixed load for ${duration} s through nginx with ${workers} workers…`);
    const samples: Sample[] = [];
    const writes = new Writes();
    const events: Record<string, number> = {};
    const started = now();
    // The load runs through both faults, however long a restart takes on a busy machine.
    const clock = { stopAt: Number.POSITIVE_INFINITY };
    const load = Promise.all(
      Array.from({ length: workers }, () => worker(started, site, fixture, clock, samples, writes)),
    );
    // Faults: SIGKILL one instance at 15 s (restarted 2 s later, as systemd does); once it
    // serves again (and no sooner than 30 s), restart the primary.
    await sleep(15_000);
    events.killAt = now() - started;
    instances[1]!.kill('SIGKILL');
    await sleep(2000);
    instances[1]!.start();
    events.killedBack = (await waitServing(instances[1]!)) - started;
    await sleep(Math.max(5000, 30_000 - (now() - started)));
    events.restartBegin = now() - started;
    primary.restart();
    events.databaseBack = now() - started;
    const back = await Promise.all(instances.map((i) => waitServing(i)));
    events.allServing = Math.max(...back) - started;
    // Keep the load going for at least 15 s after every instance serves again.
    clock.stopAt = Math.max(started + duration * 1000, now() + 15_000);
    await load;
    await writes.drain(site, fixture);
    const loadEnd = now() - started;

    const stored = await storedVotes(primary, fixture);
    // A request belongs to the restart window when it was in flight at any moment of it:
    // one sent just before the restart and answered during it met the outage too.
    const inWindow = (s: Sample) =>
      s.at + s.ms >= events.restartBegin! && s.at <= events.allServing! + 1000;
    const failed = samples.filter((s) => s.status >= 500 || s.status === 0);
    const recovery = (events.allServing! - events.databaseBack!) / 1000;

    console.log('a paper stored through instance 1, looked for on instances 2 and 3…');
    const propagation = await propagate(instances, fixture.tokens[0]!);
    const ticks = runsPerTick(instances);

    const byKind = (kind: Sample['kind']) => {
      const mine = samples.filter((s) => s.kind === kind && s.status > 0 && s.status < 500);
      return {
        requests: samples.filter((s) => s.kind === kind).length,
        p50Ms: round(
          percentile(
            mine.map((s) => s.ms),
            50,
          ),
          1,
        ),
        p95Ms: round(
          percentile(
            mine.map((s) => s.ms),
            95,
          ),
          1,
        ),
      };
    };
    const result = {
      machine: machine(),
      setup: {
        postgres: 'primary + streaming replica (PostgreSQL 15, local clusters)',
        instances: INSTANCE_PORTS.length,
        proxy: 'nginx with deploy/nginx-folio.conf',
        workers,
        loadSeconds: round(loadEnd / 1000, 1),
        firstStartSeconds,
        modelsTrained: models,
      },
      events: Object.fromEntries(Object.entries(events).map(([k, v]) => [k, round(v / 1000, 2)])),
      requests: {
        total: samples.length,
        page: byKind('page'),
        search: byKind('search'),
        api: byKind('api'),
        write: byKind('write'),
      },
      writes: {
        acknowledged: writes.acknowledged.size,
        stored: stored.count,
        equal:
          stored.count === writes.acknowledged.size &&
          [...writes.acknowledged].every((k) => stored.keys.has(k)),
        retriedAfterFailure: writes.retried,
      },
      failedOutsideRestartWindow: failed.filter((s) => !inWindow(s)).length,
      failedInsideRestartWindow: failed.filter(inWindow).length,
      failedStatuses: countBy(failed.map((s) => String(s.status))),
      failures: failed.map((s) => ({
        atSeconds: round(s.at / 1000, 2),
        // When the answer came: a request sent before the restart may be answered during it.
        answeredAtSeconds: round((s.at + s.ms) / 1000, 2),
        kind: s.kind,
        status: s.status,
        path: s.path,
      })),
      secondsUntilEveryInstanceServes: round(recovery, 2),
      runsPerTick: ticks,
      propagation,
      targets: TARGETS,
      met: {
        writesEqual: stored.count === writes.acknowledged.size,
        noFailuresOutsideWindow: failed.filter((s) => !inWindow(s)).length === 0,
        recovery: recovery <= TARGETS.recoverySeconds,
        oneRunPerTick: Object.values(ticks).every((t) => t.maxRuns === 1 && t.minRuns === 1),
        keyword: propagation.keywordSeconds !== null && propagation.keywordSeconds <= 5,
        semantic: propagation.semanticSeconds !== null && propagation.semanticSeconds <= 30,
        oneModel: models === 1,
      },
    };
    printTable(result);
    console.log(`wrote ${writeResult('fleet', result)}`);
  } finally {
    nginx?.stop();
    for (const i of instances) i.kill('SIGTERM');
    await sleep(1000);
    await stub.close();
    stopClusters(path.join(BASE, 'pg'));
    if (!keep) fs.rmSync(BASE, { recursive: true, force: true });
  }
}

interface Instance {
  port: number;
  url: string;
  log: string;
  start(): void;
  kill(signal: NodeJS.Signals): void;
}

function instance(i: number, port: number, primary: Cluster, replica: Cluster): Instance {
  const dataDir = path.join(BASE, `instance-${i + 1}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = path.join(BASE, `instance-${i + 1}.log`);
  let child: ChildProcess | null = null;
  const stub = `http://127.0.0.1:${STUB_PORT}`;
  const env = {
    ...process.env,
    FOLIO_DATABASE_URL: primary.url(),
    FOLIO_DATABASE_READ_URL: replica.url(),
    FOLIO_SECRET: SECRET,
    FOLIO_PORT: String(port),
    FOLIO_HOST: '127.0.0.1',
    FOLIO_DATA_DIR: dataDir,
    FOLIO_BASE_URL: `http://127.0.0.1:${NGINX_PORT}`,
    FOLIO_TRUSTED_PROXY: '1',
    FOLIO_OFFLINE: '0',
    FOLIO_ARXIV_API_URL: `${stub}/api/query`,
    FOLIO_ARXIV_RSS_URL: `${stub}/rss`,
    FOLIO_HF_API_URL: `${stub}/hf`,
    FOLIO_GITHUB_API_URL: `${stub}/github`,
    FOLIO_ARXIV_DELAY_MS: '0',
    // Frequent ticks, so the run sees many of them; the listing ingest stays off.
    FOLIO_TRENDING_SCHEDULE: '*/20 * * * * *',
    FOLIO_GITHUB_SCHEDULE: '5,25,45 * * * * *',
    FOLIO_INGEST_SCHEDULE: '0 0 1 1 *',
    FOLIO_LOG_LEVEL: 'info',
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    start() {
      const out = fs.openSync(log, 'a');
      child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', out, out],
      });
      fs.closeSync(out);
    },
    kill(signal) {
      child?.kill(signal);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of several shapes
async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

async function waitReady(
  target: Instance,
  options: { semantic: boolean; timeoutMs: number },
): Promise<void> {
  const deadline = now() + options.timeoutMs;
  while (now() < deadline) {
    const { status, body } = await getJson(`${target.url}/readyz`);
    if (
      status === 200 &&
      body?.search?.keyword === 'ready' &&
      (!options.semantic || body?.search?.semantic === 'ready')
    )
      return;
    await sleep(1000);
  }
  throw new Error(`instance on ${target.port} did not become ready; see ${target.log}`);
}

/** Waits until the instance answers a database read with 200; returns when it did. */
async function waitServing(target: Instance): Promise<number> {
  for (;;) {
    const { status } = await getJson(`${target.url}/readyz`);
    if (status === 200) return now();
    await sleep(100);
  }
}

async function distinctModels(primary: Cluster): Promise<number> {
  const client = new pg.Client({ connectionString: primary.url() });
  await client.connect();
  try {
    const { rows } = await client.query(`select count(*)::int as n from embedding_models`);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

function startNginx(): { stop(): void } {
  const dir = path.join(BASE, 'nginx');
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  // The deployed site file as it is, with only its ports changed for this machine.
  let site = fs.readFileSync(path.join(ROOT, 'deploy', 'nginx-folio.conf'), 'utf8');
  site = site.replace(/listen 80;/, `listen 127.0.0.1:${NGINX_PORT};`);
  INSTANCE_PORTS.forEach((port, i) => {
    site = site.replace(`127.0.0.1:${3001 + i} `, `127.0.0.1:${port} `);
  });
  fs.writeFileSync(path.join(dir, 'folio.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  include ${dir}/folio.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const start = spawnSync('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], {
    encoding: 'utf8',
  });
  if (start.status !== 0) throw new Error(`nginx failed to start: ${start.stderr}`);
  return {
    stop: () =>
      void spawnSync('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-s', 'stop']),
  };
}

interface Fixture {
  papers: string[];
  words: string[];
  tokens: string[];
  userIds: number[];
}

/** Members with API tokens (made through the service, as /account/tokens does) and paper ids. */
async function prepare(primary: Cluster): Promise<Fixture> {
  const { loadConfig } = await import('../src/config.ts');
  const { openRuntime } = await import('../src/services.ts');
  const { silentLogger } = await import('../src/logger.ts');
  const { ensureUser } = await import('../src/community/user.service.ts');
  const { createApiToken } = await import('../src/community/api-tokens.ts');
  const runtime = await openRuntime(
    loadConfig({
      FOLIO_DATABASE_URL: primary.url(),
      FOLIO_SECRET: SECRET,
      FOLIO_DATA_DIR: path.join(BASE, 'prepare'),
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
    }),
    { logger: silentLogger },
  );
  try {
    const tokens: string[] = [];
    const userIds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const user = await ensureUser(runtime.db, runtime.clock, `member${i}@fleet.example`);
      userIds.push(user.id);
      tokens.push((await createApiToken(runtime.db, runtime.clock, user, 'fleet bench')).token);
    }
    const rows = await runtime.db.kysely
      .selectFrom('papers')
      .select(['id', 'title'])
      .orderBy('id')
      .limit(600)
      .execute();
    const words = [
      ...new Set(
        rows.flatMap((r) =>
          r.title
            .toLowerCase()
            .split(/[^a-z]+/)
            .filter((w) => w.length > 5),
        ),
      ),
    ].slice(0, 300);
    return { papers: rows.map((r) => r.id), words, tokens, userIds };
  } finally {
    await runtime.search.close();
    await runtime.close();
  }
}

/** Votes acknowledged by the site, retried (as a client honouring Retry-After would) until acknowledged. */
class Writes {
  acknowledged = new Set<string>();
  pending: { token: number; paper: string }[] = [];
  retried = 0;
  private next = 0;

  /** The next (member, paper) pair no one has voted yet. */
  take(fixture: Fixture): { token: number; paper: string } {
    const n = this.next++;
    return {
      token: n % fixture.tokens.length,
      paper: fixture.papers[Math.floor(n / fixture.tokens.length) % fixture.papers.length]!,
    };
  }

  /** Retries the writes that failed until each is acknowledged (at most 30 rounds). */
  async drain(site: string, fixture: Fixture): Promise<void> {
    for (let attempt = 0; attempt < 30 && this.pending.length > 0; attempt++) {
      const again = this.pending.splice(0);
      for (const w of again) {
        const res = await vote(site, w, fixture);
        if (res.status === 200) this.acknowledged.add(key(fixture, w));
        else this.pending.push(w);
      }
      if (this.pending.length > 0) await sleep(1000);
    }
  }
}

const key = (fixture: Fixture, w: { token: number; paper: string }) =>
  `${fixture.userIds[w.token]}:${w.paper}`;

function vote(site: string, w: { token: number; paper: string }, fixture: Fixture) {
  return timed(`${site}/api/v1/papers/${w.paper}/vote`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${fixture.tokens[w.token]}` },
  });
}

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number }> {
  const t0 = now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    return { status: res.status, ms: now() - t0 };
  } catch {
    return { status: 0, ms: now() - t0 };
  }
}

async function worker(
  started: number,
  site: string,
  fixture: Fixture,
  clock: { stopAt: number },
  samples: Sample[],
  writes: Writes,
): Promise<void> {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  while (now() < clock.stopAt) {
    const roll = Math.random();
    const at = now();
    let kind: Sample['kind'];
    let target: string;
    if (roll < 0.35) {
      kind = 'page';
      target = pick(['/', '/papers/trending', `/papers/${pick(fixture.papers)}`]);
    } else if (roll < 0.55) {
      kind = 'search';
      const q = encodeURIComponent(`${pick(fixture.words)} ${pick(fixture.words)}`);
      target = Math.random() < 0.5 ? `/papers?q=${q}` : `/api/v1/search?q=${q}&limit=10`;
    } else if (roll < 0.8) {
      kind = 'api';
      target = pick([
        '/api/daily_papers',
        `/api/v1/papers/${pick(fixture.papers)}`,
        `/api/papers/${pick(fixture.papers)}`,
        '/api/v1/trending?limit=20',
      ]);
    } else {
      kind = 'write';
      target = '';
    }
    let result: { status: number; ms: number };
    if (kind === 'write') {
      const next = writes.take(fixture);
      target = `/api/v1/papers/${next.paper}/vote`;
      result = await vote(site, next, fixture);
      if (result.status === 200) writes.acknowledged.add(key(fixture, next));
      else {
        writes.pending.push(next);
        writes.retried++;
      }
    } else result = await timed(site + target);
    samples.push({ at: at - started, path: target, kind, status: result.status, ms: result.ms });
  }
}

async function storedVotes(
  primary: Cluster,
  fixture: Fixture,
): Promise<{ count: number; keys: Set<string> }> {
  const client = new pg.Client({ connectionString: primary.url() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select user_id, paper_id from votes where user_id = any($1::int[])`,
      [fixture.userIds],
    );
    return {
      count: rows.length,
      keys: new Set(
        rows.map((r: { user_id: number; paper_id: string }) => `${r.user_id}:${r.paper_id}`),
      ),
    };
  } finally {
    await client.end();
  }
}

/** Stores a paper through instance 1 and times until instances 2 and 3 find it. */
async function propagate(instances: Instance[], token: string) {
  const recorded = JSON.parse(fs.readFileSync(RECORDED, 'utf8')) as { body: string };
  const title = /<entry>[\s\S]*?<title>([\s\S]*?)<\/title>/
    .exec(recorded.body)![1]!
    .replace(/\s+/g, ' ')
    .trim();
  const summary = /<summary>([\s\S]*?)<\/summary>/
    .exec(recorded.body)![1]!
    .replace(/\s+/g, ' ')
    .trim();
  const t0 = now();
  const stored = await getJson(`${instances[0]!.url}/api/v1/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ arxivId: NEW_PAPER }),
  });
  if (stored.status !== 200)
    return { stored: stored.status, keywordSeconds: null, semanticSeconds: null };
  const found = async (mode: 'keyword' | 'semantic', q: string) => {
    const deadline = t0 + 120_000;
    const pending = new Set(instances.slice(1));
    while (pending.size > 0 && now() < deadline) {
      for (const other of [...pending]) {
        const { status, body } = await getJson(
          `${other.url}/api/v1/search?mode=${mode}&limit=10&q=${encodeURIComponent(q)}`,
        );
        if (
          status === 200 &&
          body.hits.some((h: { paper: { id: string } }) => h.paper.id === NEW_PAPER)
        )
          pending.delete(other);
      }
      if (pending.size > 0) await sleep(250);
    }
    return pending.size === 0 ? round((now() - t0) / 1000, 2) : null;
  };
  const [keywordSeconds, semanticSeconds] = await Promise.all([
    found('keyword', title),
    found('semantic', summary.split('. ')[0]!),
  ]);
  return { stored: stored.status, paper: NEW_PAPER, keywordSeconds, semanticSeconds };
}

/** Runs of each scheduled job per tick, from every instance's log. */
function runsPerTick(instances: Instance[]) {
  const runs = new Map<string, Map<string, number>>();
  for (const i of instances) {
    for (const line of fs.readFileSync(i.log, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: { msg?: string; job?: string; tick?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if (entry.msg !== 'job finished' || !entry.job || !entry.tick) continue;
      const perJob = runs.get(entry.job) ?? new Map<string, number>();
      perJob.set(entry.tick, (perJob.get(entry.tick) ?? 0) + 1);
      runs.set(entry.job, perJob);
    }
  }
  return Object.fromEntries(
    [...runs].map(([job, ticks]) => {
      const counts = [...ticks.values()];
      return [
        job,
        { ticks: counts.length, minRuns: Math.min(...counts), maxRuns: Math.max(...counts) },
      ];
    }),
  );
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the result object built above
function printTable(r: any) {
  const rows: [string, string, string][] = [
    ['writes acknowledged / stored', `${r.writes.acknowledged} / ${r.writes.stored}`, 'equal'],
    ['failed outside the restart window', String(r.failedOutsideRestartWindow), '0'],
    ['failed inside the restart window', String(r.failedInsideRestartWindow), '-'],
    [
      's until every instance serves after the database returns',
      String(r.secondsUntilEveryInstanceServes),
      '≤ 10',
    ],
    ...Object.entries(
      r.runsPerTick as Record<string, { ticks: number; minRuns: number; maxRuns: number }>,
    ).map(([job, t]): [string, string, string] => [
      `runs per tick: ${job} (${t.ticks} ticks)`,
      `${t.minRuns}–${t.maxRuns}`,
      '1',
    ]),
    ['s until found by keyword on the others', String(r.propagation.keywordSeconds), '≤ 5'],
    ['s until found by meaning on the others', String(r.propagation.semanticSeconds), '≤ 30'],
    [
      'requests (pages/search/api/writes)',
      `${r.requests.page.requests}/${r.requests.search.requests}/${r.requests.api.requests}/${r.requests.write.requests}`,
      '',
    ],
    ['models trained on first start', String(r.setup.modelsTrained), '1'],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log(`${'figure'.padEnd(width)}  measured        target`);
  for (const [name, value, target] of rows)
    console.log(`${name.padEnd(width)}  ${value.padEnd(14)}  ${target}`);
}

async function startStub(): Promise<{ close(): Promise<void> }> {
  const recorded = JSON.parse(fs.readFileSync(RECORDED, 'utf8')) as { body: string };
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.url?.startsWith('/api/query') && req.url.includes(NEW_PAPER)) {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(recorded.body);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(STUB_PORT, '127.0.0.1', resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

await main();
