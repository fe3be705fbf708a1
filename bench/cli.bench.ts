/**
 * CLI benchmark: how long `folio search` takes as a user runs it (bin/folio.js, the prebuilt
 * bundle), beside the same search through tsx (how the sources run) and `node -e 0` (the floor:
 * starting Node.js at all), each run one after the other in the same run. Wall time and CPU time
 * (user + system, from /usr/bin/time when present) per call. The store is warm: made once, with
 * semantic search ready, before anything is timed.
 *
 *   npm run bench:cli                              # the 1,000-paper sample in a temporary store
 *   npm run bench:cli -- --file ../shared/data/arxiv-daily-cs/papers.jsonl.gz --runs 10
 *   npm run bench:cli -- --data-dir DIR            # an existing SQLite store (DIR/folio.db)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime } from '../src/services.ts';
import { importCorpus, option, requireCorpus, ROOT } from './support/corpus.ts';
import { machine, percentile, round, writeResult } from './support/report.ts';
import { tempStoreEnv } from './support/server.ts';

const SAMPLE = path.resolve(ROOT, '..', 'shared', 'data', 'arxiv-daily-cs', 'sample-1000.jsonl');
/** "Well under a second" on a warm store, as wall time of one call. */
const TARGET_P50_MS = 500;
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Call {
  wallMs: number;
  cpuMs: number | null;
}

/** Runs a command to the end; its wall time and (with /usr/bin/time) CPU time. */
function call(argv: string[], env: NodeJS.ProcessEnv): Call {
  const args = TIME ? ['-f', 'cpu %U %S', ...argv] : argv;
  const t0 = performance.now();
  const run = spawnSync(TIME ?? argv[0]!, TIME ? args : args.slice(1), {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  if (run.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr.slice(-500)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

function summary(calls: Call[]) {
  const cpu = calls.flatMap((c) => (c.cpuMs === null ? [] : [c.cpuMs]));
  return {
    wallP50Ms: round(
      percentile(
        calls.map((c) => c.wallMs),
        50,
      ),
    ),
    wallP95Ms: round(
      percentile(
        calls.map((c) => c.wallMs),
        95,
      ),
    ),
    cpuP50Ms: cpu.length ? round(percentile(cpu, 50)) : null,
  };
}

async function main() {
  const runs = Number(option('--runs', '10'));
  const dataDir = option('--data-dir');
  const file = option('--file', SAMPLE);
  let env: Record<string, string>;
  let temporary: string | null = null;
  if (dataDir) {
    env = {
      FOLIO_DATA_DIR: path.resolve(dataDir),
      FOLIO_DATABASE_URL: path.resolve(dataDir, 'folio.db'),
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_LOG_LEVEL: 'error',
    };
  } else {
    requireCorpus(file, `bench:cli needs ${file}; pass --file or --data-dir.`);
    env = { ...tempStoreEnv('folio-bench-cli-'), FOLIO_LOG_LEVEL: 'error' };
    temporary = env.FOLIO_DATA_DIR!;
    const runtime = await openRuntime(loadConfig(env), {
      logger: silentLogger,
      semantic: { minPapers: 10, settleMs: 0 },
    });
    await importCorpus(runtime, file);
    runtime.search.start();
    await runtime.search.semantic?.idle();
    await runtime.search.keyword.idle();
    await runtime.close();
  }
  try {
    const childEnv = { ...process.env, ...env };
    const queries = ['graph neural networks', 'diffusion language models', 'transfromers'];
    const commands: Record<string, string[][]> = {
      'node -e 0 (floor)': [[process.execPath, '-e', '0']],
      'folio search, keyword (bin/folio.js)': queries.map((q) => [
        process.execPath,
        'bin/folio.js',
        'search',
        q,
        '--mode',
        'keyword',
      ]),
      'folio search, hybrid (bin/folio.js)': queries.map((q) => [
        process.execPath,
        'bin/folio.js',
        'search',
        q,
      ]),
      'folio search, hybrid (tsx src/main.ts)': queries.map((q) => [
        process.execPath,
        '--import',
        'tsx',
        'src/main.ts',
        'search',
        q,
      ]),
    };
    // The bundle is built (or found current) before anything is timed.
    call(commands['folio search, keyword (bin/folio.js)']![0]!, childEnv);
    const calls = new Map<string, Call[]>(Object.keys(commands).map((k) => [k, []]));
    // Interleaved, so the machine's load changes touch every row alike.
    for (let i = 0; i < runs; i++)
      for (const [name, variants] of Object.entries(commands))
        calls.get(name)!.push(call(variants[i % variants.length]!, childEnv));
    const rows = [...calls].map(([command, c]) => ({ command, runs: c.length, ...summary(c) }));
    const floor = rows[0]!;
    const hybrid = rows.find((r) => r.command === 'folio search, hybrid (bin/folio.js)')!;
    console.log(`\ncli bench: ${runs} runs each, store ${dataDir ?? path.basename(file)}`);
    console.table(rows);
    const met = hybrid.wallP50Ms <= TARGET_P50_MS;
    console.log(
      `target: folio search (hybrid) p50 ≤ ${TARGET_P50_MS} ms wall (floor ${floor.wallP50Ms} ms) → ${met ? 'met' : 'not met on this run'}`,
    );
    writeResult('cli', {
      bench: 'cli',
      store: dataDir ? 'existing' : path.basename(file),
      date: new Date().toISOString(),
      ...machine(),
      runs,
      target: { hybridWallP50Ms: TARGET_P50_MS },
      results: rows,
      met,
    });
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

await main();
