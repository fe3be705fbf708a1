import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { AppError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import { InvalidRecordError, normalizeRecord } from '../domain/paper-normalize.ts';
import type { GeneratedSummary } from '../domain/generated-summary.ts';
import type { PaperCursor } from '../domain/listed-paper.ts';
import type { Paper, PaperRecord } from '../domain/paper.ts';
import { mergePaper, samePaper } from './paper.merge.ts';
import {
  countPapers,
  findPaper,
  findPapersByIds,
  inTransaction,
  latestListingDate,
  writePapers,
} from './paper.repository.ts';
import { nearestListDays } from './list-days.repository.ts';
import { daysWithLists, paperIdsSlice } from './sitemap.repository.ts';
import { entryDaysOfPaper, upsertDailyEntries, type DailyEntry } from './daily-entry.repository.ts';
import {
  findListedPaper,
  latestInCategory,
  listedActivityFor,
  listPapersPage,
  votedAmong,
  type ActivePaper,
} from './listed-paper.repository.ts';

/** One record that could not be stored: which source, which record, and why. */
export interface RecordFailure {
  source: string;
  record: string;
  reason: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  failed: RecordFailure[];
  /** Normalized ids of the records that were stored (new or changed or unchanged). */
  ids: string[];
}

export interface UpsertOptions {
  /** Named in failures, e.g. "arxiv-api" or "import papers.jsonl.gz". */
  source: string;
  /** Daily-list entries to write in the same transaction. */
  entries?: readonly DailyEntry[];
  /** Runs inside the same transaction after the papers are written (e.g. to save a cursor). */
  alsoInTransaction?: (trx: Db['kysely']) => Promise<void>;
  /**
   * Called with the papers that were inserted or changed, after commit. Application code stores
   * through `PapersService.store`, which always tells the stored-paper listeners; only tests and
   * benches that seed a bare store call `upsertRecords` directly.
   */
  onStored?: (papers: Paper[], change: StoredChange) => void | Promise<void>;
}

/** What a write changed besides the papers themselves: which were stored before, at which version. */
export interface StoredChange {
  /** The version each changed paper had before this write; papers absent here are new. */
  previousVersion: ReadonlyMap<string, number>;
}

/**
 * Stores records from any source idempotently: each is normalized (a bad one is reported and
 * skipped), merged with what is stored, and the batch is written in one transaction so that a
 * killed process leaves either all of the batch or none of it.
 */
export async function upsertRecords(
  db: Db,
  clock: Clock,
  records: readonly PaperRecord[],
  options: UpsertOptions,
): Promise<UpsertResult> {
  const failed: RecordFailure[] = [];
  const normalized = new Map<string, PaperRecord>();
  for (const [index, record] of records.entries()) {
    try {
      const clean = normalizeRecord(record);
      const earlier = normalized.get(clean.id);
      // Two records of one paper in a batch: merge them so neither field set is lost.
      normalized.set(
        clean.id,
        earlier ? { ...mergePaper(mergePaper(null, earlier), clean) } : clean,
      );
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      failed.push({
        source: options.source,
        record: describeRecord(record, index),
        reason: error.message,
      });
    }
  }
  const now = clock.now().toISOString();
  const changed: Paper[] = [];
  const previousVersion = new Map<string, number>();
  let inserted = 0;
  let unchanged = 0;
  // Entries may name papers stored earlier and absent from this batch, in any id form.
  const entries = (options.entries ?? []).map((e) => ({
    ...e,
    paperId: parseArxivId(e.paperId)?.id ?? e.paperId,
  }));
  await inTransaction(db, async (trx) => {
    const stored = await findPapersByIds(trx, [
      ...new Set([...normalized.keys(), ...entries.map((e) => e.paperId)]),
    ]);
    for (const record of normalized.values()) {
      const before = stored.get(record.id) ?? null;
      const after = mergePaper(before, record);
      if (!before) inserted++;
      if (before && samePaper(before, after)) unchanged++;
      else {
        changed.push(after);
        if (before) previousVersion.set(before.id, before.version);
      }
    }
    await writePapers(trx, changed, now);
    const listed = entries.filter((e) => normalized.has(e.paperId) || stored.has(e.paperId));
    if (listed.length > 0) await upsertDailyEntries(trx, listed, now);
    await options.alsoInTransaction?.(trx);
  });
  if (changed.length > 0) await options.onStored?.(changed, { previousVersion });
  return {
    inserted,
    updated: changed.length - inserted,
    unchanged,
    failed,
    ids: [...normalized.keys()],
  };
}

function describeRecord(record: PaperRecord, index: number): string {
  const id = typeof record?.id === 'string' && record.id ? record.id.slice(0, 60) : null;
  return id ? `record ${index + 1} (${id})` : `record ${index + 1}`;
}

/** Told about the papers a write inserted or changed (search indexing, embeddings, page caches). */
export type PaperListener = (papers: Paper[], change: StoredChange) => void | Promise<void>;

/** Fetches one paper's metadata from arXiv; null when arXiv does not know it. */
export type FetchPaperRecord = (id: string) => Promise<PaperRecord | null>;

/** A list entry of a paper, as its page shows it. */
export type PaperEntryDay = Awaited<ReturnType<typeof entryDaysOfPaper>>[number];

/**
 * Everything Folio shows about one paper, read by its page, both APIs and the CLI: the paper
 * with its list activity (upvotes, comments, first entry and submitter, code repository), every
 * list entry, and whether the viewer upvoted it.
 */
export interface PaperDetails extends ActivePaper {
  entries: PaperEntryDay[];
  /** False when there is no viewer. */
  voted: boolean;
  /** A summary written by the configured chat model (never the abstract, never the source's). */
  generatedSummary: GeneratedSummary | null;
}

export interface PapersServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Asks arXiv for a paper; absent when Folio runs offline. */
  fetchRecord?: FetchPaperRecord | undefined;
  /** Reads a paper's generated summary (the summaries service); absent, details carry none. */
  summaryOf?: ((paperId: string) => Promise<GeneratedSummary | null>) | undefined;
}

export interface PapersService {
  /**
   * Stores records from any source (see `upsertRecords`) and then tells every stored-paper
   * listener about the papers that were inserted or changed: the only write path for papers.
   */
  store(
    records: readonly PaperRecord[],
    options: Omit<UpsertOptions, 'onStored'>,
  ): Promise<UpsertResult>;
  /** Adds a stored-paper listener; a failing listener is logged and never fails the write. */
  onStored(listener: PaperListener): void;
  /**
   * The paper with this (normalized) id, fetched from arXiv and stored when Folio lacks it.
   * Errors: 404 `paper_unknown` (arXiv has no such paper, or Folio runs offline), 502
   * `arxiv_unavailable` (arXiv did not answer), 422 `paper_invalid` (its record cannot be stored).
   */
  ensurePaper(id: string): Promise<Paper>;
  /** One paper's details as `viewer` sees them; null when Folio has no such paper. */
  paperDetails(id: string, viewer: { id: number } | null): Promise<PaperDetails | null>;
  /** One stored paper, without its activity; null when Folio has no such paper. */
  find(id: string): Promise<Paper | null>;
  /** Stored papers by id (unknown ids are absent from the map). */
  findMany(ids: readonly string[]): Promise<Map<string, Paper>>;
  /** The latest day any paper is listed on, or null for an empty store. */
  latestListingDate(): Promise<string | null>;
  /** The nearest days before and after `day` that have papers. */
  nearestListDays(day: string): Promise<{ before: string | null; after: string | null }>;
  /** Which of these papers the member upvoted. */
  votedAmong(userId: number, paperIds: readonly string[]): Promise<Set<string>>;
  /** Many papers' list activity in one query, in the order given. */
  listedActivityFor(papers: readonly Paper[]): Promise<ActivePaper[]>;
  /** Every paper, newest listing day first, one page after a cursor. */
  listPapersPage(options: {
    limit: number;
    after?: PaperCursor | null;
  }): Promise<{ papers: Paper[]; next: PaperCursor | null }>;
  /** The latest papers whose primary category is `category`. */
  latestInCategory(category: string, limit: number): Promise<Paper[]>;
  /** How many papers the store holds. */
  count(): Promise<number>;
  /** Days with a list, newest first (at most `limit`), for the sitemap. */
  listDays(limit: number): Promise<string[]>;
  /** A slice of every paper id in id order, with the day it last changed, for the sitemap. */
  idsSlice(offset: number, limit: number): Promise<{ id: string; changed: string | null }[]>;
}

/** Builds the papers service with its store, clock, arXiv client and listeners bound. */
export function createPapersService(deps: PapersServiceDeps): PapersService {
  const listeners: PaperListener[] = [];
  const notify = async (papers: Paper[], change: StoredChange) => {
    for (const listener of listeners) {
      try {
        await listener(papers, change);
      } catch (error) {
        deps.logger.error({ err: error }, 'a paper listener failed');
      }
    }
  };
  const store: PapersService['store'] = (records, options) =>
    upsertRecords(deps.db, deps.clock, records, { ...options, onStored: notify });
  return {
    store,
    onStored: (listener) => {
      listeners.push(listener);
    },
    async ensurePaper(id) {
      const known = await findPaper(deps.db.kysely, id);
      if (known) return known;
      if (!deps.fetchRecord)
        throw new AppError(
          404,
          'paper_unknown',
          `Folio does not have arXiv paper ${id}, and it cannot ask arXiv for it while it runs offline.`,
        );
      let record: PaperRecord | null;
      try {
        record = await deps.fetchRecord(id);
      } catch (error) {
        throw new AppError(
          502,
          'arxiv_unavailable',
          `arXiv did not answer for ${id} (${error instanceof Error ? error.message : 'unknown error'}). Try again later.`,
        );
      }
      if (!record) throw new AppError(404, 'paper_unknown', `arXiv has no paper ${id}.`);
      const stored = await store([record], { source: 'arxiv lookup' });
      if (stored.failed.length > 0)
        throw new AppError(
          422,
          'paper_invalid',
          `arXiv's record for ${id} could not be stored: ${stored.failed[0]!.reason}`,
        );
      const paper = await findPaper(deps.db.kysely, id);
      if (!paper) throw new AppError(404, 'paper_unknown', `arXiv has no paper ${id}.`);
      return paper;
    },
    async paperDetails(id, viewer) {
      const listed = await findListedPaper(deps.db, id);
      if (!listed) return null;
      const [entries, voted, generatedSummary] = await Promise.all([
        entryDaysOfPaper(deps.db.kysely, id),
        viewer ? votedAmong(deps.db.kysely, viewer.id, [id]) : Promise.resolve(new Set<string>()),
        deps.summaryOf ? deps.summaryOf(listed.paper.id) : Promise.resolve(null),
      ]);
      return { ...listed, entries, voted: voted.has(id), generatedSummary };
    },
    find: (id) => findPaper(deps.db.kysely, id),
    findMany: (ids) => findPapersByIds(deps.db.kysely, ids),
    latestListingDate: () => latestListingDate(deps.db.kysely),
    nearestListDays: (day) => nearestListDays(deps.db.kysely, day),
    votedAmong: (userId, ids) => votedAmong(deps.db.kysely, userId, ids),
    listedActivityFor: (papers) => listedActivityFor(deps.db, papers),
    count: () => countPapers(deps.db.kysely),
    listDays: (limit) => daysWithLists(deps.db.kysely, limit),
    idsSlice: (offset, limit) => paperIdsSlice(deps.db.kysely, offset, limit),
    listPapersPage: (options) => listPapersPage(deps.db, options),
    latestInCategory: (category, limit) => latestInCategory(deps.db, category, limit),
  };
}
