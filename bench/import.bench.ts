/**
 * Bulk import benchmark: all papers of a JSON Lines file into a fresh store, against a floor
 * measured in the same run (reading and parsing the file without storing anything).
 *
 *   npm run bench:import                                  # SQLite
 *   npm run bench:import -- --db postgres://…             # PostgreSQL (a fresh database on that server)
 *   npm run bench:import -- --all [--db postgres://…]     # both
 *   npm run bench:import -- --file other.jsonl.gz
 *
 * Each measurement runs in its own child process so that its peak RSS is its own. Besides wall
 * time it reports CPU time (this process plus the PostgreSQL backend), whose rate does not drop
 * when other work shares the machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { importJsonl } from '../src/ingest/import-jsonl.ts';
import { readJsonlPapers } from '../src/ingest/sources/jsonl.ts';
import { silentLogger } from '../src/logger.ts';
import { countPapers } from '../src/papers/paper.repository.ts';
import { DEFAULT_CORPUS, option, ROOT } from './support/corpus.ts';
import { machine, round, writeResult } from './support/report.ts';
import { createPapersService } from '../src/papers/paper.service.ts';

const TARGETS = { sqlite: 3000, postgres: 1000 } as const;
const RSS_LIMIT_MB = 500;

interface Measurement {
  target: 'floor' | 'sqlite' | 'postgres';
  papers: number;
  seconds: number;
  papersPerSecond: number;
  peakRssMb: number;
  failed: number;
  /** CPU seconds of this process and of the PostgreSQL backend (when on this machine). */
  cpuSeconds: number;
  /** Papers per CPU second: what a quiet machine would reach; other load does not move it. */
  papersPerCpuSecond: number;
}

interface RunResult {
  papers: number;
  failed: number;
  serverCpuSeconds?: number;
}

/** Samples the resident set size while `fn` runs and reports its peak. */
async function measure(
  target: Measurement['target'],
  fn: () => Promise<RunResult>,
): Promise<Measurement> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { papers, failed, serverCpuSeconds = 0 } = await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpuSeconds = (used.user + used.system) / 1e6 + serverCpuSeconds;
  return {
    target,
    papers,
    seconds: round(seconds, 2),
    papersPerSecond: Math.round(papers / seconds),
    peakRssMb: round(peak / 2 ** 20, 1),
    failed,
    cpuSeconds: round(cpuSeconds, 1),
    papersPerCpuSecond: Math.round(papers / cpuSeconds),
  };
}

/** CPU seconds a PostgreSQL backend has used, read from /proc when the server runs here. */
async function backendCpuSeconds(db: Db): Promise<number> {
  if (db.dialect !== 'postgres') return 0;
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
  try {
    const fields = fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function runFloor(file: string) {
  let papers = 0;
  let failed = 0;
  for await (const item of readJsonlPapers(file)) {
    if ('error' in item) failed++;
    else papers++;
  }
  return { papers, failed };
}

async function runImport(
  file: string,
  database: Parameters<typeof createDb>[0],
): Promise<RunResult> {
  // One connection: the import writes one batch at a time, and its backend's CPU can be read.
  const db = createDb(database, { poolSize: 1 });
  try {
    await migrateToLatest(db);
    const serverCpu = await backendCpuSeconds(db);
    const result = await importJsonl(
      {
        db,
        clock: systemClock,
        logger: silentLogger,
        papers: createPapersService({ db, clock: systemClock, logger: silentLogger }),
      },
      file,
    );
    const serverCpuSeconds = (await backendCpuSeconds(db)) - serverCpu;
    const stored = await countPapers(db.kysely);
    if (stored !== result.inserted)
      throw new Error(`stored ${stored}, expected ${result.inserted}`);
    return { papers: result.read, failed: result.failed.length, serverCpuSeconds };
  } finally {
    await db.close();
  }
}

/** One measurement in this process (the child side). */
async function child(target: Measurement['target'], file: string): Promise<void> {
  let measurement: Measurement;
  if (target === 'floor') {
    measurement = await measure('floor', () => runFloor(file));
  } else if (target === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
    try {
      measurement = await measure('sqlite', () =>
        runImport(file, { kind: 'sqlite', file: path.join(dir, 'folio.db') }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const server = option('--db')!;
    const name = `folio_bench_${process.pid}`;
    await admin(server, `create database ${name}`);
    try {
      const url = new URL(server);
      url.pathname = `/${name}`;
      measurement = await measure('postgres', () =>
        runImport(file, { kind: 'postgres', url: url.toString() }),
      );
    } finally {
      await admin(server, `drop database if exists ${name} with (force)`);
    }
  }
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

async function admin(server: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function spawnMeasurement(target: Measurement['target'], file: string, db?: string): Measurement {
  const args = ['--import', 'tsx', import.meta.filename, '--child', target, '--file', file];
  if (db) args.push('--db', db);
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${target} run failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function main(): Promise<void> {
  const file = path.resolve(option('--file') ?? DEFAULT_CORPUS);
  const childTarget = option('--child') as Measurement['target'] | undefined;
  if (childTarget) return child(childTarget, file);
  if (!fs.existsSync(file)) {
    process.stderr.write(
      `bench:import needs ${file} (the shared arXiv data); pass --file to use another\n`,
    );
    process.exit(2);
  }
  const all = process.argv.includes('--all');
  const pgUrl = option('--db') ?? (all ? process.env.FOLIO_TEST_PG_URL : undefined);
  if (all && !pgUrl) {
    process.stderr.write(
      '--all needs a PostgreSQL server: pass --db postgres://… or set FOLIO_TEST_PG_URL\n',
    );
    process.exit(2);
  }
  const targets: ('sqlite' | 'postgres')[] = all
    ? ['sqlite', 'postgres']
    : pgUrl
      ? ['postgres']
      : ['sqlite'];

  const floor = spawnMeasurement('floor', file);
  const results = [floor, ...targets.map((t) => spawnMeasurement(t, file, pgUrl))];
  const rows = results.map((m) => ({
    store: m.target === 'floor' ? 'floor (read + parse, no store)' : m.target,
    papers: m.papers,
    seconds: m.seconds,
    'papers/s': m.papersPerSecond,
    target: m.target === 'floor' ? '' : `≥ ${TARGETS[m.target]}`,
    '% of floor rate': Math.round((m.papersPerSecond / floor.papersPerSecond) * 100),
    'CPU s': m.cpuSeconds,
    'papers/CPU-s': m.papersPerCpuSecond,
    'peak RSS MB': m.peakRssMb,
    ok:
      m.target === 'floor'
        ? ''
        : m.papersPerSecond >= TARGETS[m.target] && m.peakRssMb < RSS_LIMIT_MB
          ? 'yes'
          : m.papersPerCpuSecond >= TARGETS[m.target] && m.peakRssMb < RSS_LIMIT_MB
            ? 'by CPU time'
            : 'no',
  }));
  console.table(rows);
  const out = writeResult('import', {
    bench: 'import',
    file: path.basename(file),
    date: new Date().toISOString(),
    ...machine(),
    targets: { ...TARGETS, peakRssMb: RSS_LIMIT_MB },
    results,
  });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

await main();
