/** The benchmark corpus: where it is, the command-line options naming it, and importing it. */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../src/domain/clock.ts';
import { importJsonl, type ImportDeps, type ImportResult } from '../../src/ingest/import-jsonl.ts';
import { silentLogger } from '../../src/logger.ts';
import type { Runtime } from '../../src/services.ts';
import { round } from './report.ts';
import { createPapersService } from '../../src/papers/paper.service.ts';

/** The repository root, the working directory of every bench child process. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The shared 74,728-paper arXiv CS corpus. */
export const DEFAULT_CORPUS = path.resolve(
  ROOT,
  '..',
  'shared',
  'data',
  'arxiv-daily-cs',
  'papers.jsonl.gz',
);

/** The value after `name` on the command line, or `fallback`. */
export function option(name: string): string | undefined;
export function option(name: string, fallback: string): string;
export function option(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Exits with status 2 and `message` when the corpus file is missing. */
export function requireCorpus(file: string, message: string): void {
  if (fs.existsSync(file)) return;
  console.error(message);
  process.exit(2);
}

/** Imports the corpus into the runtime's store, saying on stderr how long it took. */
export async function importCorpus(
  runtime: Runtime,
  file: string,
  deps: Partial<ImportDeps> = {},
): Promise<ImportResult> {
  const started = performance.now();
  const imported = await importJsonl(
    {
      db: runtime.db,
      clock: systemClock,
      logger: silentLogger,
      // A bare papers service: the bench indexes the corpus itself, after the import.
      papers: createPapersService({ db: runtime.db, clock: systemClock, logger: silentLogger }),
      ...deps,
    },
    file,
  );
  console.error(
    `imported ${imported.inserted} papers in ${round((performance.now() - started) / 1000, 1)} s`,
  );
  return imported;
}
