import { readsMayLag } from '../../db/read-routing.ts';
import type { Db } from '../../db/database.ts';
import type { Paper } from '../../domain/paper.ts';
import type { Logger } from '../../logger.ts';
import { COUNT_CAP } from '../keyword/fts5-keyword.ts';
import { keywordSearch } from '../keyword/keyword.repository.ts';
import type { KeywordRequest, KeywordRows } from '../keyword/keyword.types.ts';
import type { SearchStatus } from '../search.types.ts';
import { authorsMatch } from '../author-match.ts';
import type { ParsedQuery } from '../query-parser.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';
import {
  dayNumber,
  docFromRow,
  indexCanAnswer,
  indexFilters,
  queryTerms,
  type IndexRow,
} from './bm25-doc.ts';
import { Bm25Index, type IndexHit, type IndexQuery, type IndexResult } from './bm25-index.ts';
import { readSnapshot, writeSnapshot } from './bm25-snapshot.ts';
import { feedbackTerms } from './feedback.ts';
import { spellingSuggestion } from './spelling.ts';
import {
  indexRowsAfter,
  indexRowsByIds,
  indexRowsByPid,
  keysModifiedSince,
  latestModified,
  paperCount,
  paperRowsByPid,
} from './bm25.repository.ts';

/** Deepest keyword list read when the store's full-text path ranks (pages stop at 10,000). */
export const RANK_CAP = COUNT_CAP;

/** One ranked keyword list as pids: the top `depth`, how many match, which of `among` match. */
export interface RankRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  depth: number;
  among?: ReadonlySet<number>;
  /**
   * Reorder below the head by pseudo-relevance feedback (see FEEDBACK). Keyword lists ask for it;
   * hybrid lists, whose recall comes from their semantic candidates, skip the second pass.
   */
  feedback?: boolean;
}

/**
 * Weight of a query word's derivational variants in the ranked list (a paper on "molecular
 * graphs" answers "molecules"), below the word itself. Chosen on SciFact train and the arXiv
 * title set with bench/search.bench.ts.
 */
export const VARIANT_WEIGHT = 0.3;

/**
 * Pseudo-relevance feedback on the relevance ranking (see feedback.ts): the words of the top
 * `docs` papers, the best `terms` of them at up to `weight`, reorder the papers the query matches
 * below the first `keep`, which stay the query's own best matches in its own order. The set of
 * matches and its total never change. Chosen on SciFact train with bench/search-tune.ts.
 */
export const FEEDBACK = { docs: 10, terms: 20, weight: 0.5, idf: true, keep: 10 } as const;

/** Rows read per step while building. */
const BUILD_CHUNK = 2000;
/**
 * Rows indexed between two turns of the event loop while building: a few hundred milliseconds
 * of CPU at most on a busy machine, so a starting instance keeps answering requests.
 */
const ROWS_PER_TURN = 250;
/** Postings read for skip blocks between two turns of the event loop (a few milliseconds). */
const SKIP_POSTINGS_PER_TURN = 1_000_000;
/** A write commits within this long of its modified_at; polls re-read that far back until then. */
const SETTLE_MS = 10_000;
/** Changes are written to the snapshot within this long (one write for a stream of them). */
const SNAPSHOT_DELAY_MS = 30_000;

export interface KeywordEngineOptions {
  db: Db;
  logger: Logger;
  /** How often to look for papers written by other processes; 0 turns polling off. */
  pollMs?: number;
  /** Where the index is saved for one-off processes to load (see bm25-snapshot.ts); null: nowhere. */
  snapshotFile?: string | null;
}

/**
 * Keyword search: the in-process BM25 index once built, the store's full-text path until then
 * and for what the index leaves to it (phrases, authors, prefixes, stopword-only queries,
 * filter-only listings). Kept in step by the paper listener and by polling papers.modified_at,
 * which also sees papers written by other processes or instances.
 */
export class KeywordEngine {
  private readonly db: Db;
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly snapshotFile: string | null;
  private index = new Bm25Index();
  private built = false;
  private failed = false;
  private building: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  /** Highest modified_at applied from a poll (or seen when the build began). */
  private highWater: string | null = null;
  /** Polls re-read from here, so late commits with an earlier modified_at are not missed. */
  private since: string | null = null;
  /** The index changed since the snapshot was written. */
  private unsaved = false;
  /** The index was loaded from the snapshot (by `open`), not built here. */
  private restored = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(options: KeywordEngineOptions) {
    this.db = options.db;
    this.logger = options.logger;
    this.pollMs = options.pollMs ?? 2000;
    this.snapshotFile = options.snapshotFile ?? null;
  }

  /** True once the index holds every paper and answers queries. */
  ready(): boolean {
    return this.built;
  }

  /** Who answers keyword queries now: the index, or the store's full-text index (building, failed). */
  state(): SearchStatus['keyword'] {
    if (this.built) return 'ready';
    return this.building && !this.failed ? 'indexing' : 'full-text';
  }

  /** Papers in the index. */
  size(): number {
    return this.index.size();
  }

  /** Bytes the index holds in typed arrays, by part (postings, spare capacity, docs, terms). */
  footprint(): ReturnType<Bm25Index['footprint']> {
    return this.index.footprint();
  }

  /** Builds the index from the store in the background; idempotent. */
  start(): void {
    if (this.building || this.closed) return;
    // Loading the index tolerates a replica's lag: polling catches up from the primary after.
    this.building = readsMayLag(() => this.build()).catch((error: unknown) => {
      this.failed = true;
      this.logger.error(
        { err: error },
        'building the keyword index failed; full-text search answers',
      );
    });
  }

  /** Resolves once a started build is done. */
  async idle(): Promise<void> {
    await this.building;
  }

  /**
   * For a one-off process: loads the saved snapshot and brings it up to date with the store
   * (the changes since it was written, as a poll would), without polling afterwards. Without a
   * usable snapshot (none, damaged, or not matching the store) keyword search stays on the
   * store's full-text path. Returns true when the index answers.
   */
  async open(): Promise<boolean> {
    if (this.built || this.building || this.closed || !this.snapshotFile) return this.built;
    let loaded: ReturnType<typeof readSnapshot>;
    try {
      loaded = readSnapshot(this.snapshotFile);
    } catch (error) {
      this.logger.warn(
        { err: error, file: this.snapshotFile },
        'the keyword index snapshot is unusable; full-text search answers',
      );
      return false;
    }
    if (!loaded) return false;
    this.index = loaded.index;
    this.restored = true;
    this.highWater = loaded.tag.highWater;
    this.since = loaded.tag.since;
    this.built = true;
    this.building = Promise.resolve();
    await this.pollOnce();
    // Papers are never deleted, so a caught-up index holds every stored paper; one that does
    // not was made from another store (or the store was rolled back): it is not used.
    const stored = await paperCount(this.db);
    if (this.index.size() !== stored) {
      this.logger.warn(
        { file: this.snapshotFile, indexed: this.index.size(), stored },
        'the keyword index snapshot does not match the store; full-text search answers',
      );
      this.dropRestored();
      return false;
    }
    return true;
  }

  /**
   * Runs a query on the index. A restored index whose file turns out damaged where the query
   * reads it is dropped, and null tells the caller to ask the store's full-text path instead.
   */
  private fromIndex<T>(run: (index: Bm25Index) => T): T | null {
    try {
      return run(this.index);
    } catch (error) {
      if (!this.restored) throw error;
      this.logger.warn(
        { err: error, file: this.snapshotFile },
        'the keyword index snapshot is damaged; full-text search answers',
      );
      this.dropRestored();
      return null;
    }
  }

  /** Forgets an index loaded from the snapshot (keyword search goes to the full-text path). */
  private dropRestored(): void {
    this.index.release();
    this.index = new Bm25Index();
    this.built = false;
    this.building = null;
    this.restored = false;
    this.unsaved = false;
  }

  /**
   * Makes the saved snapshot current (after a bulk import): loads and tops up the one there is,
   * or builds the index from the store, then writes it.
   */
  async refreshSnapshot(): Promise<void> {
    if (!this.snapshotFile) return;
    if (!(await this.open())) {
      this.start();
      await this.idle();
    }
    await this.saveSnapshot();
  }

  /** Writes the index to its snapshot file now, when it changed since the last write. */
  saveSnapshot(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const run = this.saving.then(async () => {
      const file = this.snapshotFile;
      if (!file || !this.built || !this.unsaved) return;
      // Cleared before the (synchronous) copy of the index: later changes mark it again.
      this.unsaved = false;
      try {
        const tag = { papers: this.index.size(), highWater: this.highWater, since: this.since };
        await writeSnapshot(file, this.index, tag);
      } catch (error) {
        this.unsaved = true;
        this.logger.warn({ err: error, file }, 'could not save the keyword index snapshot');
      }
    });
    this.saving = run;
    return run;
  }

  /**
   * The keyword ranking as pids, best (or newest) first: from the index when it can answer, else
   * the store's full-text path read whole (to RANK_CAP) with `author:` names checked unstemmed.
   * Ties go to the higher pid on every path, so a query always ranks the same way.
   */
  async rank(req: RankRequest): Promise<IndexResult> {
    const q = req.query;
    const filters = indexFilters(req.filters, q.hasCode);
    if (q.stopwordTitle) {
      // Only the index knows titles made of stopwords; until it is built nothing matches.
      const hits = this.built ? this.index.titled(q.stopwordTitle, filters) : [];
      return withMatched(hits, req.depth, req.among);
    }
    if (this.built && indexCanAnswer(q)) {
      const { terms, excluded } = queryTerms(q);
      const ask = {
        terms,
        excluded,
        filters,
        order: req.sort,
        variantWeight: VARIANT_WEIGHT,
        countCap: COUNT_CAP,
        ...(req.among ? { among: req.among } : {}),
      };
      const found = this.fromIndex((index) =>
        index.search({ ...ask, k: Math.max(req.depth, FEEDBACK.docs) }),
      );
      if (found) {
        // A list no deeper than the kept head needs no feedback: the head is the same either way.
        const hits =
          req.feedback &&
          req.sort === 'relevance' &&
          req.depth > FEEDBACK.keep &&
          found.total > FEEDBACK.keep
            ? await this.withFeedback(ask, found.hits, req.depth)
            : found.hits.slice(0, req.depth);
        return { ...found, hits };
      }
    }
    // The store's full-text path reads the depth asked for (its count is exact up to the cap),
    // all of it only when author names must be checked here; which of `among` match is asked
    // of the store directly, so a total never depends on how deep a page reads.
    const checkAuthors = q.authors.length > 0;
    const read = (filters: SearchFilters, limit: number) =>
      keywordSearch(this.db, {
        query: q,
        filters,
        sort: req.sort,
        limit,
        offset: 0,
        columns: 'rank',
      }).then((found) => ({
        ...found,
        rows: checkAuthors
          ? found.rows.filter((r) => {
              const names = parseNames(r.authors);
              return q.authors.every((name) => authorsMatch(names, name));
            })
          : found.rows,
      }));
    const found = await read(req.filters, checkAuthors ? RANK_CAP : Math.min(req.depth, RANK_CAP));
    const hits = found.rows.map((r) => ({
      pid: Number(r.pid),
      score: Number(r.score),
      day: dayNumber(r.listing_date ?? r.published_at),
    }));
    const result = withMatched(hits, req.depth, req.among);
    if (req.among && req.among.size > 0 && !checkAuthors) {
      const members = await read({ ...req.filters, pids: [...req.among] }, req.among.size);
      result.matched = new Set(members.rows.map((r) => Number(r.pid)));
    }
    if (!checkAuthors) return { ...result, total: Math.min(found.total, COUNT_CAP) };
    // Past the cap the store's count stands for the rest (less what the author check dropped).
    const beyond = found.rows.length === RANK_CAP ? Math.max(0, found.total - RANK_CAP) : 0;
    return { ...result, total: Math.min(hits.length + beyond, COUNT_CAP) };
  }

  /**
   * The ranking with feedback: the first pass's head, then the matches reordered with the top
   * papers' words added (read from the store, tokenized as the index does). Scores below the
   * head are scaled under its lowest, so the list stays in score order for fusion.
   */
  private async withFeedback(
    ask: Omit<IndexQuery, 'k'>,
    first: IndexHit[],
    depth: number,
  ): Promise<IndexHit[]> {
    const top = first.slice(0, FEEDBACK.docs);
    const rows = await indexRowsByPid(
      this.db,
      top.map((h) => h.pid),
    );
    const docs = new Map(rows.map((r) => [Number(r.pid), docFromRow(r)]));
    const head = first.slice(0, FEEDBACK.keep);
    const again = this.fromIndex((index) => {
      const weighted = feedbackTerms(
        top.flatMap((h) => {
          const doc = docs.get(h.pid);
          return doc ? [{ doc, score: h.score }] : [];
        }),
        ask.terms,
        index,
        FEEDBACK,
      );
      return weighted.length > 0
        ? index.search({ ...ask, weighted, k: depth + head.length })
        : null;
    });
    return again ? keepHead(head, again.hits, depth) : first.slice(0, depth);
  }

  /** A paper's day as YYYYMMDD (0 when unknown) once indexed, else undefined. */
  dayOf(pid: number): number | undefined {
    return this.built ? this.index.dayOf(pid) : undefined;
  }

  /** A corrected query when some word is unknown to the index and a close known word exists. */
  suggest(query: ParsedQuery): string | null {
    return this.built ? spellingSuggestion(this.index, query) : null;
  }

  async search(req: KeywordRequest): Promise<KeywordRows> {
    if (!this.built || !indexCanAnswer(req.query)) return keywordSearch(this.db, req);
    const { terms, excluded } = queryTerms(req.query);
    const found = this.fromIndex((index) =>
      index.search({
        terms,
        excluded,
        filters: indexFilters(req.filters, req.query.hasCode),
        order: req.sort,
        k: req.offset + req.limit,
        countCap: COUNT_CAP,
      }),
    );
    if (!found) return keywordSearch(this.db, req);
    const page = found.hits.slice(req.offset);
    const rows = await paperRowsByPid(
      this.db,
      page.map((h) => h.pid),
    );
    const byPid = new Map(rows.map((r) => [Number(r.pid), r]));
    const out: KeywordRows['rows'] = [];
    for (const hit of page) {
      const row = byPid.get(hit.pid);
      // A paper deleted since it was indexed is simply left out.
      if (row) out.push({ ...row, score: hit.score });
    }
    return { rows: out, total: found.total };
  }

  /** Paper listener: re-reads the stored papers and indexes them (also while building). */
  async onPapersStored(papers: Paper[]): Promise<void> {
    if (!this.building || papers.length === 0) return;
    for (let i = 0; i < papers.length; i += 500) {
      const ids = papers.slice(i, i + 500).map((p) => p.id);
      this.apply(await indexRowsByIds(this.db, ids), 'changed');
    }
  }

  /** Indexes papers changed since the last look (other processes' writes). */
  poll(): Promise<void> {
    if (!this.built || this.closed) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.building;
    await this.polling;
    await this.saveSnapshot();
    this.index.release();
  }

  private async build(): Promise<void> {
    const started = Date.now();
    this.highWater = await latestModified(this.db);
    this.since = this.highWater;
    let after = 0;
    for (;;) {
      if (this.closed) return;
      const rows = await indexRowsAfter(this.db, after, BUILD_CHUNK);
      if (rows.length === 0) break;
      for (let i = 0; i < rows.length; i += ROWS_PER_TURN) {
        this.apply(rows.slice(i, i + ROWS_PER_TURN), 'build');
        // Let requests in; keyword search answers from the store meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      }
      after = Number(rows[rows.length - 1]!.pid);
    }
    // Papers from now on arrive a few at a time: the bulk-loaded postings lose their slack.
    this.index.freeze();
    // Long lists get their skip blocks now, a slice per turn, rather than in a first query.
    for (let id = 0; ;) {
      if (this.closed) return;
      const next = this.index.cutSkips(id, SKIP_POSTINGS_PER_TURN);
      if (next === id) break;
      id = next;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.built = true;
    this.logger.info(
      { papers: this.index.size(), ms: Date.now() - started },
      'keyword index built',
    );
    await this.poll();
    await this.saveSnapshot();
    if (this.pollMs > 0 && !this.closed) {
      this.timer = setInterval(() => {
        this.poll().catch((error: unknown) =>
          this.logger.warn({ err: error }, 'polling for changed papers failed'),
        );
      }, this.pollMs);
      this.timer.unref();
    }
  }

  private async pollOnce(): Promise<void> {
    const wallAtStart = Date.now();
    if (this.since === null) this.since = (await latestModified(this.db)) ?? '';
    let after: { modified: string; pid: number } | null = null;
    for (;;) {
      const keys = await keysModifiedSince(this.db, this.since, after, BUILD_CHUNK);
      if (keys.length === 0) break;
      // The overlap re-reads papers already indexed; only those changed since are fetched.
      const changed = keys
        .filter((k) => this.index.modifiedOf(Number(k.pid)) !== Date.parse(k.modified_at))
        .map((k) => Number(k.pid));
      for (let i = 0; i < changed.length; i += 500)
        this.apply(await indexRowsByPid(this.db, changed.slice(i, i + 500)), 'poll');
      const last = keys[keys.length - 1]!;
      after = { modified: last.modified_at, pid: Number(last.pid) };
      if (this.highWater === null || last.modified_at > this.highWater)
        this.highWater = last.modified_at;
      if (keys.length < BUILD_CHUNK) break;
    }
    // Everything modified before (now − settle) has committed and was read by now; the next
    // poll starts there, but never past the newest change seen.
    const settled = new Date(wallAtStart - SETTLE_MS).toISOString();
    const floor = settled > this.since ? settled : this.since;
    this.since = this.highWater !== null && this.highWater < floor ? this.highWater : floor;
  }

  /**
   * Indexes rows. A listener's rows are news and always go in; a build skips rows older than a
   * listener already put in, and a poll also skips rows it has seen (its overlap re-reads them).
   */
  private apply(rows: IndexRow[], from: 'changed' | 'build' | 'poll'): void {
    for (const row of rows) {
      const doc = docFromRow(row);
      const known = this.index.modifiedOf(doc.pid);
      if (known !== undefined && from !== 'changed') {
        if (known > doc.modified || (from === 'poll' && known === doc.modified)) continue;
      }
      this.index.upsert(doc);
      this.unsaved = true;
    }
    if (this.unsaved && this.built) this.saveSoon();
  }

  private saveSoon(): void {
    if (this.saveTimer || !this.snapshotFile || this.closed) return;
    this.saveTimer = setTimeout(() => void this.saveSnapshot(), SNAPSHOT_DELAY_MS);
    this.saveTimer.unref();
  }
}

/**
 * `head` in its order, then the rest of `ranked` without it, to `depth`; the rest's scores are
 * scaled (order kept) to sit below the head's lowest.
 */
export function keepHead(head: IndexHit[], ranked: IndexHit[], depth: number): IndexHit[] {
  const inHead = new Set(head.map((h) => h.pid));
  const rest = ranked.filter((h) => !inHead.has(h.pid)).slice(0, Math.max(0, depth - head.length));
  const floor = head.length > 0 ? head[head.length - 1]!.score : Infinity;
  const highest = rest[0]?.score ?? 0;
  const scale = highest >= floor && highest > 0 ? (floor / highest) * 0.999 : 1;
  return [...head, ...rest.map((h) => ({ ...h, score: h.score * scale }))].slice(0, depth);
}

function withMatched(
  hits: IndexResult['hits'],
  depth: number,
  among: ReadonlySet<number> | undefined,
): IndexResult {
  const matched = new Set<number>();
  if (among) for (const h of hits) if (among.has(h.pid)) matched.add(h.pid);
  return { hits: hits.slice(0, depth), total: hits.length, matched };
}

function parseNames(json: unknown): string[] {
  if (Array.isArray(json)) return json.map(String);
  try {
    const parsed: unknown = JSON.parse(String(json));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
