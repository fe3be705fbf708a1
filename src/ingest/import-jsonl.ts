import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { PaperRecord } from '../domain/paper.ts';
import type { DailyEntry } from '../papers/daily-entry.repository.ts';
import type { Logger } from '../logger.ts';
import type { PapersService, RecordFailure } from '../papers/paper.service.ts';
import { readCursor, writeCursor } from './cursor.repository.ts';
import { noProgress, type Progress } from './progress.ts';
import { JsonlReadError, readJsonlPapers } from './sources/jsonl.ts';

export interface ImportDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Where records are stored (and stored papers announced to the listeners). */
  papers: Pick<PapersService, 'store'>;
}

export interface ImportResult {
  file: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: RecordFailure[];
  resumedFromLine: number;
}

/** The file could not be read to its end; what was read before that is stored. */
export class ImportReadError extends Error {
  constructor(
    override readonly cause: JsonlReadError,
    readonly result: ImportResult,
  ) {
    super(
      `${cause.message}; the ${result.inserted + result.updated + result.unchanged} papers before it were imported`,
    );
    this.name = 'ImportReadError';
  }
}

interface ImportCursor {
  line: number;
  done: boolean;
}

const BATCH = 1000;

/** The cursor name of an import: the same path with other content is another import. */
export function importSourceKey(file: string): string {
  const absolute = path.resolve(file);
  return `import:${absolute}:${fs.statSync(absolute).size}`;
}

/** True when an import of this file was started and has not finished. */
export async function importUnfinished(db: Db, file: string): Promise<boolean> {
  const cursor = await readCursor<ImportCursor>(db.kysely, importSourceKey(file));
  return cursor !== null && !cursor.done;
}

/**
 * Imports a JSON Lines file in batches; each batch and the line it reached are committed
 * together, so a process killed mid-import resumes after the last committed batch with no
 * duplicate and no gap. A finished file imported again is read again from the start.
 */
export async function importJsonl(
  deps: ImportDeps,
  file: string,
  progress: Progress = noProgress,
): Promise<ImportResult> {
  const absolute = path.resolve(file);
  const stat = fs.statSync(absolute);
  const source = importSourceKey(absolute);
  const label = `import ${path.basename(absolute)}`;
  const cursor = await readCursor<ImportCursor>(deps.db.kysely, source);
  const startLine = cursor && !cursor.done ? cursor.line : 0;
  if (startLine > 0) deps.logger.info({ file: absolute, line: startLine }, 'resuming import');
  const result: ImportResult = {
    file: absolute,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    failed: [],
    resumedFromLine: startLine,
  };
  progress.start(stat.size, 'bytes');

  let batch: PaperRecord[] = [];
  let entries: DailyEntry[] = [];
  let lineNumbers: number[] = [];
  let lastLine = startLine;
  /** Writes the batch read so far and the line it reached, in one transaction. */
  const flush = async (done: boolean) => {
    const records = batch;
    const listed = entries;
    const lines = lineNumbers;
    const cursor: ImportCursor = { line: lastLine, done };
    batch = [];
    entries = [];
    lineNumbers = [];
    const stored = await deps.papers.store(records, {
      source: label,
      entries: listed,
      alsoInTransaction: (trx) => writeCursor(trx, source, cursor, deps.clock.now().toISOString()),
    });
    result.inserted += stored.inserted;
    result.updated += stored.updated;
    result.unchanged += stored.unchanged;
    for (const failure of stored.failed) {
      // Failures name the batch index; say the file's line instead.
      const index = Number(/^record (\d+)/.exec(failure.record)?.[1] ?? 0) - 1;
      const line = lines[index];
      result.failed.push({
        ...failure,
        record: line ? failure.record.replace(/^record \d+/, `line ${line}`) : failure.record,
      });
    }
  };
  // One batch is written while the next is read and parsed. Batches still commit one after
  // another, in file order, so each sees what the one before stored and the cursor only advances.
  let writing: Promise<void> = Promise.resolve();
  const startWrite = (done: boolean) => {
    writing = flush(done);
    // Awaited before the next write; until then its failure must not count as unhandled.
    writing.catch(() => undefined);
  };

  const bytes = { read: 0 };
  try {
    for await (const item of readJsonlPapers(absolute, startLine, bytes)) {
      lastLine = item.line;
      if ('error' in item) {
        result.failed.push({ source: label, record: `line ${item.line}`, reason: item.error });
        continue;
      }
      result.read++;
      batch.push(item.record);
      if (item.entry) entries.push(item.entry);
      lineNumbers.push(item.line);
      if (batch.length >= BATCH) {
        await writing;
        startWrite(false);
        progress.update(bytes.read, { papers: result.read });
      }
    }
  } catch (error) {
    if (!(error instanceof JsonlReadError)) throw error;
    // Keep what was read before the file broke off; the import stays unfinished.
    await writing;
    await flush(false);
    progress.stop();
    throw new ImportReadError(error, result);
  }
  await writing;
  await flush(true);
  progress.update(stat.size, { papers: result.read });
  progress.stop();
  for (const failure of result.failed.slice(0, 20)) deps.logger.warn(failure, 'record skipped');
  return result;
}
