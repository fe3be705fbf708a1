import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { PaperRecord } from '../src/domain/paper.ts';
import { silentLogger, type Logger } from '../src/logger.ts';
import { upsertRecords } from '../src/papers/paper.service.ts';
import { SearchService } from '../src/search/search.service.ts';
import { SemanticService } from '../src/search/semantic/semantic.service.ts';

/** Lines of a .jsonl or .jsonl.gz file, parsed. */
export async function* readJsonl<T>(file: string): AsyncGenerator<T> {
  const input = fs.createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(zlib.createGunzip()) : input;
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
}

export interface BenchStore {
  db: Db;
  dataDir: string;
  label: string;
  search: SearchService;
  semantic: SemanticService;
  cleanup(): Promise<void>;
}

/**
 * A migrated store: a new database on the given PostgreSQL server, or a SQLite file in a
 * temporary folder (or in `keepDir`, kept afterwards so a later run can reuse what it loaded).
 */
export async function openBenchStore(
  pgUrl?: string,
  options: { keepDir?: string; logger?: Logger } = {},
): Promise<BenchStore> {
  const keep = Boolean(options.keepDir) && !pgUrl;
  if (options.keepDir && pgUrl)
    console.error('--store keeps SQLite stores only; ignored with --db');
  const dataDir = keep
    ? path.resolve(options.keepDir!)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
  fs.mkdirSync(dataDir, { recursive: true });
  let db: Db;
  let drop = async () => {};
  if (pgUrl) {
    const name = `folio_bench_${process.pid}`;
    await admin(pgUrl, `create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    db = createDb({ kind: 'postgres', url: url.toString() }, { poolSize: 4 });
    drop = () => admin(pgUrl, `drop database if exists ${name} with (force)`);
  } else {
    db = createDb({ kind: 'sqlite', file: path.join(dataDir, 'folio.db') });
  }
  await migrateToLatest(db);
  const semantic = new SemanticService({
    db,
    config: { dataDir, embeddings: { embedder: 'builtin' } },
    logger: options.logger ?? silentLogger,
    clock: systemClock,
    maxTrainPapers: 200_000,
  });
  const search = new SearchService({ db, logger: options.logger ?? silentLogger, semantic });
  return {
    db,
    dataDir,
    label: db.dialect,
    search,
    semantic,
    cleanup: async () => {
      // Stops the keyword index's polling and the semantic worker before the store closes.
      await search.close();
      await db.close();
      await drop();
      if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Stores records in batches of 1,000 (no listeners: the bench embeds in one pass afterwards). */
export async function storeAll(
  db: Db,
  records: AsyncIterable<PaperRecord> | Iterable<PaperRecord>,
): Promise<number> {
  let batch: PaperRecord[] = [];
  let stored = 0;
  const flush = async () => {
    const result = await upsertRecords(db, systemClock, batch, { source: 'bench' });
    stored += result.inserted + result.updated;
    batch = [];
  };
  for await (const record of records) {
    batch.push(record);
    if (batch.length === 1000) await flush();
  }
  if (batch.length > 0) await flush();
  return stored;
}

/** A synthetic arXiv-style id for the i-th document (i < 9,999,999), valid for the store. */
export function syntheticId(i: number): string {
  const month = Math.floor(i / 99_999);
  const yy = 15 + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  return `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}.${String((i % 99_999) + 1).padStart(5, '0')}`;
}

/** Percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function writeResults(name: string, value: unknown): string {
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** A seeded uniform generator, so samples repeat between runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
