import { BM25 } from '../keyword/keyword.types.ts';
import { derivationalRoot } from '../text/variants.ts';
import { MAX_SCORE_LISTS, maxScoreTop, type ScoringList } from './max-score.ts';
import { PostingCursor, skipBlocks, type ListRuns, type SkipBlocks } from './posting-cursor.ts';
import { PostingLists, type ListsSource } from './postings.ts';
import { SortedTerms, TermIds } from './term-table.ts';
import { TopK, type RankOrder } from './top-k.ts';

/** One paper as the index stores it: weighted term frequencies, length and filter columns. */
export interface IndexedDoc {
  pid: number;
  /** Stemmed term → title-weighted frequency (BM25F: weight × title hits + abstract + authors). */
  terms: Map<string, number>;
  /** Tokens in title, abstract and authors together, stopwords included (as FTS5 counts a row). */
  length: number;
  /** Listing (or published) day as YYYYMMDD; 0 when unknown. */
  day: number;
  /** Categories, lower-cased. */
  categories: string[];
  hasCode: boolean;
  /** modified_at as epoch ms, so a re-read of an unchanged row costs nothing. */
  modified: number;
  /** The title's words joined by spaces when every one is a stopword ("The Who"), else null. */
  stopwordTitle: string | null;
}

/** Filters the index applies to candidates (days as YYYYMMDD). */
export interface IndexFilters {
  from?: number;
  to?: number;
  categories: string[];
  hasCode: boolean;
}

export interface IndexQuery {
  /** Stemmed query terms; each scores on its own, repeats included, as FTS5 OR-queries do. */
  terms: string[];
  /** Stemmed words whose papers are left out. */
  excluded: string[];
  filters: IndexFilters;
  order: RankOrder;
  /** Hits wanted from the top (offset + limit). */
  k: number;
  /**
   * Weight of a query term's derivational variants (molecules → molecular, see variants.ts),
   * each scored as its own term times this; 0 or absent scores the query's terms alone.
   */
  variantWeight?: number;
  /** Further stemmed terms, each scored as its own term times its weight (feedback terms). */
  weighted?: readonly { term: string; weight: number }[];
  /** Papers to report on: which of them match (wherever they rank). */
  among?: ReadonlySet<number>;
  /** Only these papers may match (an `author:` candidate list). */
  allow?: ReadonlySet<number>;
  /**
   * How far the total must be exact: past it the total reads as this. Lets a query with a word
   * this common rank its top k without visiting every paper that holds one of its words.
   */
  countCap?: number;
}

export interface IndexHit {
  pid: number;
  score: number;
  /** Listing (or published) day as YYYYMMDD; 0 when unknown. */
  day: number;
}

/** What a search found: the top k, how many matched, and which of `among` matched. */
export interface IndexResult {
  hits: IndexHit[];
  /** How many matched (at most the query's countCap when it has one). */
  total: number;
  matched: Set<number>;
  /** True when only papers that could reach the top k were scored (see `pruned`). */
  pruned?: boolean;
}

/**
 * Everything an index holds, as flat arrays trimmed to what is used (see bm25-snapshot.ts):
 * restoring it gives an index that ranks exactly as the one it was taken from.
 */
export interface Bm25State {
  terms: SortedTerms;
  /** Per term its document frequency (dead slots included until compaction). */
  df: Int32Array;
  postings: ListsSource;
  docPid: Int32Array;
  docLen: Float32Array;
  docDay: Int32Array;
  docFlags: Uint8Array;
  docModified: Float64Array;
  docCatStart: Int32Array;
  docCatCount: Uint8Array;
  cats: Uint16Array;
  categories: string[];
  pidSlot: Int32Array;
  live: number;
  dead: number;
  totalLen: number;
  staleDf: boolean;
  stopwordTitles: [number, string][];
  derived: [string, string[]][];
}

const LIVE = 1;
/** Sweep all scores once the query's postings exceed 1/DENSE_SHARE of the slots. */
const DENSE_SHARE = 8;
const HAS_CODE = 2;
/** Lists this long get their skip blocks when the index is built (shorter ones on first use). */
const SKIP_AHEAD = 1024;

/**
 * BM25 over papers, in process: per term a compact posting list of doc slots and title-weighted
 * frequencies (postings.ts); per doc slot its pid, length, day, flags and categories in typed
 * arrays. A changed paper takes a new slot and its old one is marked dead (document frequencies
 * and the length total count live slots only); dead postings are dropped once they pile up.
 * Scoring is FTS5's bm25() formula with the same k1, b and column weights, so the order equals
 * the store's own ranking on either dialect.
 */
export class Bm25Index {
  private termIds = new TermIds();
  private postings = new PostingLists();
  private df = new Int32Array(1024);

  private docPid = new Int32Array(1024);
  private docLen = new Float32Array(1024);
  private docDay = new Int32Array(1024);
  private docFlags = new Uint8Array(1024);
  private docModified = new Float64Array(1024);
  private docCatStart = new Int32Array(1024);
  private docCatCount = new Uint8Array(1024);
  private cats = new Uint16Array(4096);
  private catsUsed = 0;
  private readonly catIds = new Map<string, number>();
  private slots = 0;
  private pidSlot = new Int32Array(1024).fill(-1);

  private live = 0;
  private dead = 0;
  private totalLen = 0;
  private scores = new Float64Array(1024);
  private touched = new Int32Array(1024);
  /** Per list id, the skip blocks of lists a pruned ranking has read (see posting-cursor.ts). */
  private skips = new Map<number, SkipBlocks>();
  /** Papers whose title is nothing but stopwords, by that title (few: answers "the who"). */
  private readonly stopwordTitles = new Map<string, Set<number>>();
  private readonly stopwordTitleOf = new Map<number, string>();
  /** Derivational root → the indexed terms that differ from it but share it (few). */
  private readonly derived = new Map<string, string[]>();

  /** k1 and b default to FTS5's, which the store's own ranking uses; other values are for tuning. */
  constructor(private readonly params: { k1: number; b: number } = BM25) {}

  /** The index's contents as flat arrays (views of its own: use them before the next change). */
  exportState(): Bm25State {
    const n = this.postings.size();
    const s = this.slots;
    return {
      terms: SortedTerms.of(this.termIds.inIdOrder()),
      df: this.df.subarray(0, n),
      postings: this.postings.exportLists(),
      docPid: this.docPid.subarray(0, s),
      docLen: this.docLen.subarray(0, s),
      docDay: this.docDay.subarray(0, s),
      docFlags: this.docFlags.subarray(0, s),
      docModified: this.docModified.subarray(0, s),
      docCatStart: this.docCatStart.subarray(0, s),
      docCatCount: this.docCatCount.subarray(0, s),
      cats: this.cats.subarray(0, this.catsUsed),
      categories: [...this.catIds.keys()],
      pidSlot: this.pidSlot,
      live: this.live,
      dead: this.dead,
      totalLen: this.totalLen,
      staleDf: this.staleDf,
      stopwordTitles: [...this.stopwordTitleOf],
      derived: [...this.derived],
    };
  }

  /**
   * An index holding `state`: its posting lists stay in the state's source until a query reads
   * them. Throws when the arrays disagree in size or point outside each other.
   */
  static fromState(state: Bm25State, params: { k1: number; b: number } = BM25): Bm25Index {
    const index = new Bm25Index(params);
    const n = state.terms.size;
    const s = state.docPid.length;
    const sized = [state.docLen, state.docDay, state.docFlags, state.docModified];
    if (
      state.df.length !== n ||
      state.postings.counts.length !== n ||
      state.categories.length > 65_536 ||
      [...sized, state.docCatStart, state.docCatCount].some((a) => a.length !== s)
    )
      throw new Error('inconsistent index state');
    for (let i = 0; i < n; i++)
      if (state.postings.lastSlot[i]! >= s) throw new Error('a posting points past the papers');
    for (let i = 0; i < state.cats.length; i++)
      if (state.cats[i]! >= state.categories.length) throw new Error('unknown category');
    for (let d = 0; d < s; d++)
      if (
        state.docCatStart[d]! < 0 ||
        state.docCatStart[d]! + state.docCatCount[d]! > state.cats.length
      )
        throw new Error('categories out of range');
    index.termIds = new TermIds(state.terms);
    index.postings = PostingLists.restore(state.postings);
    const cap = Math.max(1024, s);
    index.df = filled(new Int32Array(Math.max(1024, n)), state.df);
    index.docPid = filled(new Int32Array(cap), state.docPid);
    index.docLen = filled(new Float32Array(cap), state.docLen);
    index.docDay = filled(new Int32Array(cap), state.docDay);
    index.docFlags = filled(new Uint8Array(cap), state.docFlags);
    index.docModified = filled(new Float64Array(cap), state.docModified);
    index.docCatStart = filled(new Int32Array(cap), state.docCatStart);
    index.docCatCount = filled(new Uint8Array(cap), state.docCatCount);
    index.cats = filled(new Uint16Array(Math.max(4096, state.cats.length)), state.cats);
    index.catsUsed = state.cats.length;
    state.categories.forEach((name, id) => index.catIds.set(name, id));
    index.slots = s;
    index.pidSlot = state.pidSlot.slice();
    for (let i = 0; i < index.pidSlot.length; i++)
      if (index.pidSlot[i]! >= s) throw new Error('a paper points past the slots');
    index.scores = new Float64Array(cap);
    index.touched = new Int32Array(cap);
    index.live = state.live;
    index.dead = state.dead;
    index.totalLen = state.totalLen;
    index.staleDf = state.staleDf;
    for (const [pid, title] of state.stopwordTitles) {
      let set = index.stopwordTitles.get(title);
      if (!set) index.stopwordTitles.set(title, (set = new Set()));
      set.add(pid);
      index.stopwordTitleOf.set(pid, title);
    }
    for (const [root, terms] of state.derived) index.derived.set(root, terms);
    return index;
  }

  /**
   * Lets go of the file a restored index reads postings from; terms not used by then read as
   * having none. For an index about to be dropped.
   */
  release(): void {
    this.postings.release();
  }

  /** Papers indexed. */
  size(): number {
    return this.live;
  }

  /** modified_at (epoch ms) of the indexed version of a paper, or undefined. */
  modifiedOf(pid: number): number | undefined {
    const slot = pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
    return slot >= 0 ? this.docModified[slot] : undefined;
  }

  /** Listing (or published) day of an indexed paper as YYYYMMDD (0 when unknown), or undefined. */
  dayOf(pid: number): number | undefined {
    const slot = pid >= 0 && pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
    return slot >= 0 ? this.docDay[slot] : undefined;
  }

  /** Adds a paper, replacing any earlier version of it. */
  upsert(doc: IndexedDoc): void {
    this.remove(doc.pid);
    if (this.slots === this.docPid.length) this.growDocs();
    const slot = this.slots++;
    this.docPid[slot] = doc.pid;
    this.docLen[slot] = doc.length;
    this.docDay[slot] = doc.day;
    this.docFlags[slot] = LIVE | (doc.hasCode ? HAS_CODE : 0);
    this.docModified[slot] = doc.modified;
    const cats = doc.categories.slice(0, 255);
    if (this.catsUsed + cats.length > this.cats.length)
      this.cats = grow16(this.cats, this.catsUsed + cats.length);
    this.docCatStart[slot] = this.catsUsed;
    this.docCatCount[slot] = cats.length;
    for (const c of cats) this.cats[this.catsUsed++] = this.categoryId(c);
    if (doc.pid >= this.pidSlot.length) {
      const next = new Int32Array(Math.max(doc.pid + 1, this.pidSlot.length * 2)).fill(-1);
      next.set(this.pidSlot);
      this.pidSlot = next;
    }
    this.pidSlot[doc.pid] = slot;
    if (doc.stopwordTitle !== null) {
      let set = this.stopwordTitles.get(doc.stopwordTitle);
      if (!set) this.stopwordTitles.set(doc.stopwordTitle, (set = new Set()));
      set.add(doc.pid);
      this.stopwordTitleOf.set(doc.pid, doc.stopwordTitle);
    }
    for (const [term, tf] of doc.terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postings.newList();
        this.termIds.set(term, id);
        const root = derivationalRoot(term);
        if (root !== term) this.derived.set(root, [...(this.derived.get(root) ?? []), term]);
        if (id === this.df.length) this.df = grow32(this.df, id + 1);
      }
      this.postings.append(id, slot, Math.min(255, Math.max(1, Math.round(tf))));
      this.df[id]!++;
    }
    this.live++;
    this.totalLen += doc.length;
  }

  /** Drops a paper; its postings stay until compaction but no longer count or match. */
  remove(pid: number): void {
    const slot = pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
    if (slot < 0) return;
    this.pidSlot[pid] = -1;
    const title = this.stopwordTitleOf.get(pid);
    if (title !== undefined) {
      this.stopwordTitleOf.delete(pid);
      this.stopwordTitles.get(title)?.delete(pid);
    }
    this.docFlags[slot] = 0;
    this.live--;
    this.dead++;
    this.totalLen -= this.docLen[slot]!;
    // Document frequencies still count the dead slot until its postings are dropped: finding
    // them needs a walk of every list, so it waits for compaction (see compactIfNeeded).
    this.staleDf = true;
    if (this.dead > 10_000 && this.dead * 4 > this.slots) this.compact();
  }

  private staleDf = false;

  /** Rewrites postings without dead slots and recounts document frequencies. */
  compact(): void {
    const flags = this.docFlags;
    const live = (slot: number) => (flags[slot]! & LIVE) !== 0;
    this.postings.readAll();
    for (let id = 0; id < this.postings.size(); id++) {
      this.postings.retain(id, live);
      this.df[id] = this.postings.length(id);
    }
    this.dead = 0;
    this.staleDf = false;
    this.skips.clear();
  }

  /**
   * Ends a bulk load: posting lists lose their spare capacity (later papers go to small tails).
   * Searching works the same before and after.
   */
  freeze(): void {
    this.postings.freeze();
  }

  /**
   * Cuts the skip blocks of lists from `from` on that hold at least SKIP_AHEAD postings, until
   * about `budget` postings were read; returns the list to go on from (the list count when
   * done). Done once an index is built, so no query pays for cutting a long list the first time
   * it reads it.
   */
  cutSkips(from: number, budget: number): number {
    let id = from;
    let read = 0;
    const n = this.postings.size();
    for (; id < n && read < budget; id++) {
      const length = this.postings.length(id);
      if (length < SKIP_AHEAD) continue;
      this.skipsOf(id, this.postings.runs(id));
      read += length;
    }
    return id;
  }

  /** Bytes the index holds in typed arrays, by part (for memory reports). */
  footprint(): { postings: number; spare: number; docs: number; terms: number } {
    const p = this.postings.bytes();
    const docs =
      this.docPid.byteLength +
      this.docLen.byteLength +
      this.docDay.byteLength +
      this.docFlags.byteLength +
      this.docModified.byteLength +
      this.docCatStart.byteLength +
      this.docCatCount.byteLength +
      this.cats.byteLength +
      this.pidSlot.byteLength +
      this.scores.byteLength +
      this.touched.byteLength;
    return { postings: p.postings, spare: p.spare, docs, terms: p.lists + this.df.byteLength };
  }

  /** Papers whose title is exactly these (stopword) words, filtered, newest first. */
  titled(words: string[], filters: IndexFilters): IndexHit[] {
    const out: IndexHit[] = [];
    for (const pid of this.stopwordTitles.get(words.join(' ')) ?? []) {
      const slot = this.pidSlot[pid]!;
      if (slot >= 0 && this.passes(slot, filters, this.categoryFilter(filters)))
        out.push({ pid, score: 0, day: this.docDay[slot]! });
    }
    return out.sort((a, b) => b.day - a.day || b.pid - a.pid);
  }

  /** True when some live paper holds this (stemmed) term. */
  hasTerm(term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.df[id]! > 0;
  }

  /** Document frequency of a term (0 when unknown). */
  docFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : Math.max(0, this.df[id]!);
  }

  /** Every term the index knows (for spelling suggestions). */
  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }

  /** Ranks the papers matching any query term, best first, with how many matched in all. */
  search(q: IndexQuery): IndexResult {
    if (this.staleDf) this.compactIfNeeded();
    const N = this.live;
    const matched = new Set<number>();
    if (N === 0 || q.k <= 0) return { hits: [], total: 0, matched };
    const avgdl = Math.max(this.totalLen / N, 1);
    const scores = this.scores;
    const touched = this.touched;
    const scored: [string, number][] = q.terms.map((t) => [t, 1]);
    if (q.variantWeight)
      for (const term of this.variants(q.terms)) scored.push([term, q.variantWeight]);
    const pruned = this.pruned(q, scored, avgdl);
    if (pruned) return pruned;
    // When the query's postings cover a good part of the slots (titles full of common words),
    // the scores are read back by one sequential sweep instead of through a list of touched
    // slots: cheaper than noting and revisiting millions of slots in scattered order.
    let postings = 0;
    for (const [term] of scored) postings += this.docFrequency(term);
    const dense = postings * DENSE_SHARE > this.slots;
    let nTouched = 0;
    for (const [term, weight] of scored)
      nTouched = this.accumulate(term, weight, avgdl, nTouched, dense);
    // Feedback terms reorder the papers the query matches; they never add a paper.
    for (const { term, weight } of q.weighted ?? [])
      if (weight > 0) this.accumulate(term, weight, avgdl, nTouched, dense, true);
    for (const term of q.excluded) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const run = this.postings.runs(id);
      exclude(run.frozen, run.frozen.length, -1, scores);
      exclude(run.tail, run.tailEnd, run.tailBase, scores);
    }
    const f = q.filters;
    const wantedCats = this.categoryFilter(f);
    const allow = q.allow;
    // Which of `among` match, looked up by slot before the scores are cleared: a few lookups
    // instead of a set lookup per matching paper.
    if (q.among)
      for (const pid of q.among) {
        const d = pid >= 0 && pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
        if (d < 0 || !(scores[d]! > 0) || !this.passes(d, f, wantedCats)) continue;
        if (!allow || allow.has(pid)) matched.add(pid);
      }
    // Touched slots are live (dead ones score nothing), so without filters every one counts.
    const plain = f.from === undefined && f.to === undefined && !f.hasCode && !wantedCats && !allow;
    const top = new TopK(q.k, q.order);
    let floor = top.floor();
    let total = 0;
    const end = dense ? this.slots : nTouched;
    for (let i = 0; i < end; i++) {
      const d = dense ? i : touched[i]!;
      const s = scores[d]!;
      if (s === 0) continue;
      scores[d] = 0;
      if (s < 0) continue;
      if (!plain) {
        if (!this.passes(d, f, wantedCats)) continue;
        if (allow && !allow.has(this.docPid[d]!)) continue;
      }
      total++;
      // Below the kept k's lowest score a hit cannot enter (by score, ties to the higher pid).
      if (s < floor) continue;
      top.offer(s, this.docDay[d]!, this.docPid[d]!);
      floor = top.floor();
    }
    return { hits: top.sorted(), total: Math.min(total, q.countCap ?? Infinity), matched };
  }

  /**
   * The same result by MaxScore (max-score.ts), for a relevance query without filters where one
   * word alone matches more papers than the total must count exactly: then the total is the cap
   * whatever else matches, and only papers that can reach the top k need scoring. Null when the
   * query does not qualify.
   */
  private pruned(q: IndexQuery, scored: [string, number][], avgdl: number): IndexResult | null {
    const cap = q.countCap;
    const f = q.filters;
    if (
      cap === undefined ||
      q.order !== 'relevance' ||
      q.allow ||
      (q.weighted ?? []).some((w) => w.weight > 0) ||
      f.from !== undefined ||
      f.to !== undefined ||
      f.hasCode ||
      f.categories.length > 0
    )
      return null;
    // Dead slots still count in df until compaction, and every excluded paper may hold the word.
    let excludedDf = 0;
    for (const term of q.excluded) excludedDf += this.docFrequency(term);
    let widest = 0;
    let held = 0;
    for (const [term] of scored) {
      const df = this.docFrequency(term);
      widest = Math.max(widest, df);
      if (df > 0) held++;
    }
    if (widest - this.dead - excludedDf < cap || held > MAX_SCORE_LISTS) return null;
    const { k1, b } = this.params;
    const N = this.live;
    const lists: ScoringList[] = [];
    for (const [term, weight] of scored) {
      const id = this.termIds.get(term);
      const df = id === undefined ? 0 : this.df[id]!;
      if (df <= 0) continue;
      let idf = Math.log((N - df + 0.5) / (df + 0.5));
      if (idf <= 0) idf = 1e-6;
      lists.push({ cursor: this.cursor(id!), num: weight * idf * (k1 + 1) });
    }
    const excludedIds = ids(this.termIds, q.excluded);
    const norm = { base: k1 * (1 - b), slope: (k1 * b) / avgdl };
    const cols = {
      lens: this.docLen,
      flags: this.dead > 0 ? this.docFlags : null,
      pids: this.docPid,
      days: this.docDay,
    };
    const excluded = excludedIds.map((id) => this.cursor(id));
    const hits = maxScoreTop(lists, excluded, norm, cols, q.k);
    return { hits, total: cap, matched: this.matchedAmong(q), pruned: true };
  }

  /** Which of `q.among` hold a query word and no excluded one (no filters apply here). */
  private matchedAmong(q: IndexQuery): Set<number> {
    const matched = new Set<number>();
    if (!q.among || q.among.size === 0) return matched;
    const slots: number[] = [];
    for (const pid of q.among) {
      const d = pid >= 0 && pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
      if (d >= 0) slots.push(d);
    }
    slots.sort((x, y) => x - y);
    const variants = q.variantWeight ? this.variants(q.terms) : [];
    const words = [...new Set(ids(this.termIds, [...q.terms, ...variants]))];
    const holding = words.map((id) => this.cursor(id));
    const excluded = ids(this.termIds, q.excluded).map((id) => this.cursor(id));
    for (const d of slots)
      if (holding.some((c) => holds(c, d)) && !excluded.some((c) => holds(c, d)))
        matched.add(this.docPid[d]!);
    return matched;
  }

  /** A cursor at the start of list `id`, with its skip blocks (cut now unless still current). */
  private cursor(id: number): PostingCursor {
    const runs = this.postings.runs(id);
    return new PostingCursor(runs, this.skipsOf(id, runs));
  }

  /** The skip blocks of list `id` (whose bytes are `runs`), cut now unless still current. */
  private skipsOf(id: number, runs: ListRuns): SkipBlocks {
    const blocks = skipBlocks(runs, this.docLen, this.skips.get(id));
    this.skips.set(id, blocks);
    return blocks;
  }

  /**
   * Adds one term's BM25 contribution (times `weight`) to the scores of the live papers holding
   * it, noting newly touched papers after the first `nTouched`; returns the new count.
   */
  private accumulate(
    term: string,
    weight: number,
    avgdl: number,
    nTouched: number,
    dense: boolean,
    matchedOnly = false,
  ): number {
    const id = this.termIds.get(term);
    if (id === undefined) return nTouched;
    const df = this.df[id]!;
    if (df <= 0) return nTouched;
    const N = this.live;
    const { k1, b } = this.params;
    let idf = Math.log((N - df + 0.5) / (df + 0.5));
    if (idf <= 0) idf = 1e-6;
    const score: ScoreArgs = {
      scores: this.scores,
      touched: dense ? null : this.touched,
      // Without dead slots every posting is live: the flag lookup is skipped.
      flags: this.dead > 0 ? this.docFlags : null,
      lens: this.docLen,
      num: weight * idf * (k1 + 1),
      base: k1 * (1 - b),
      slope: (k1 * b) / avgdl,
      matchedOnly,
    };
    const run = this.postings.runs(id);
    const count = scoreRun(run.frozen, run.frozen.length, -1, nTouched, score);
    return scoreRun(run.tail, run.tailEnd, run.tailBase, count, score);
  }

  /** Indexed derivational variants of the query's terms that the query does not hold itself. */
  variants(terms: readonly string[]): string[] {
    const asked = new Set(terms);
    const out = new Set<string>();
    for (const term of asked) {
      const root = derivationalRoot(term);
      for (const v of [root, ...(this.derived.get(root) ?? [])])
        if (!asked.has(v) && this.hasTerm(v)) out.add(v);
    }
    return [...out];
  }

  private categoryFilter(f: IndexFilters): Uint8Array | null {
    return f.categories.length > 0 ? this.categoryMask(f.categories) : null;
  }

  private passes(d: number, f: IndexFilters, wantedCats: Uint8Array | null): boolean {
    const flags = this.docFlags[d]!;
    if ((flags & LIVE) === 0) return false;
    if (f.hasCode && (flags & HAS_CODE) === 0) return false;
    const day = this.docDay[d]!;
    if (f.from !== undefined && (day === 0 || day < f.from)) return false;
    if (f.to !== undefined && (day === 0 || day > f.to)) return false;
    return !wantedCats || this.inCategories(d, wantedCats);
  }

  private compactIfNeeded(): void {
    // Exact document frequencies matter for ranking; recount when dead slots are many enough
    // to move them, otherwise the small drift is left for the next compaction.
    if (this.dead > 0 && this.dead * 50 > this.live) this.compact();
  }

  private categoryId(name: string): number {
    let id = this.catIds.get(name);
    if (id === undefined) {
      id = Math.min(this.catIds.size, 65_535);
      this.catIds.set(name, id);
    }
    return id;
  }

  private categoryMask(names: string[]): Uint8Array | null {
    const mask = new Uint8Array(this.catIds.size + 1);
    let any = false;
    for (const name of names) {
      const id = this.catIds.get(name.toLowerCase());
      if (id !== undefined) {
        mask[id] = 1;
        any = true;
      }
    }
    return any ? mask : new Uint8Array(0);
  }

  private inCategories(slot: number, mask: Uint8Array): boolean {
    const start = this.docCatStart[slot]!;
    const end = start + this.docCatCount[slot]!;
    for (let i = start; i < end; i++) if (mask[this.cats[i]!]) return true;
    return false;
  }

  private growDocs(): void {
    const cap = this.docPid.length * 2;
    this.docPid = grow32(this.docPid, cap);
    const len = new Float32Array(cap);
    len.set(this.docLen);
    this.docLen = len;
    this.docDay = grow32(this.docDay, cap);
    this.docFlags = grow8(this.docFlags, cap);
    const mod = new Float64Array(cap);
    mod.set(this.docModified);
    this.docModified = mod;
    this.docCatStart = grow32(this.docCatStart, cap);
    this.docCatCount = grow8(this.docCatCount, cap);
    this.scores = new Float64Array(cap);
    this.touched = new Int32Array(cap);
  }
}

interface ScoreArgs {
  scores: Float64Array;
  /** Where newly touched slots are noted; null when the scores are swept whole afterwards. */
  touched: Int32Array | null;
  flags: Uint8Array | null;
  lens: Float32Array;
  num: number;
  base: number;
  slope: number;
  /** Adds only to papers already scored (feedback terms), touching no new one. */
  matchedOnly: boolean;
}

/**
 * Adds the BM25 contribution of each posting in `buf[0..end)` (decoded from slot `slot0`, see
 * postings.ts) to its slot's score, noting newly touched slots after the first `count`; returns
 * the new count. The same arithmetic in the same order as a plain loop, so scores are exact.
 */
function scoreRun(
  buf: Uint8Array,
  end: number,
  slot0: number,
  count: number,
  a: ScoreArgs,
): number {
  const { scores, touched, flags, lens, num, base, slope, matchedOnly } = a;
  let p = 0;
  let d = slot0;
  while (p < end) {
    let b = buf[p++]!;
    let v = b & 127;
    if (b & 128) {
      b = buf[p++]!;
      v |= (b & 127) << 7;
      if (b & 128) {
        b = buf[p++]!;
        v |= (b & 127) << 14;
        if (b & 128) {
          b = buf[p++]!;
          v |= (b & 127) << 21;
          if (b & 128) v += (buf[p++]! & 127) * 268_435_456;
        }
      }
    }
    d += v >>> 1;
    const tf = v & 1 ? buf[p++]! : 1;
    if (flags !== null && (flags[d]! & LIVE) === 0) continue;
    if (matchedOnly && scores[d] === 0) continue;
    const s = (num * tf) / (tf + base + slope * lens[d]!);
    if (touched !== null && scores[d] === 0) touched[count++] = d;
    scores[d] = scores[d]! + s;
  }
  return count;
}

/** Marks the scored slots of the postings in `buf[0..end)` as excluded (−1). */
function exclude(buf: Uint8Array, end: number, slot0: number, scores: Float64Array): void {
  let p = 0;
  let d = slot0;
  while (p < end) {
    let b = buf[p++]!;
    let v = b & 127;
    let scale = 128;
    while (b & 128) {
      b = buf[p++]!;
      v += (b & 127) * scale;
      scale *= 128;
    }
    d += Math.floor(v / 2);
    if (v & 1) p++;
    if (scores[d]! > 0) scores[d] = -1;
  }
}

/** True when the cursor's list holds slot d (moving the cursor there). */
function holds(cursor: PostingCursor, d: number): boolean {
  cursor.seek(d);
  return cursor.slot === d;
}

/** The ids of the known terms among `terms`. */
function ids(termIds: TermIds, terms: readonly string[]): number[] {
  return terms.flatMap((t) => {
    const id = termIds.get(t);
    return id === undefined ? [] : [id];
  });
}

function grow32(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

function grow16(a: Uint16Array, min: number): Uint16Array<ArrayBuffer> {
  const next = new Uint16Array(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

function grow8(a: Uint8Array, min: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

/** `out` with `source`'s values at its start. */
function filled<T extends { set(values: ArrayLike<number>): void }>(
  out: T,
  source: ArrayLike<number>,
): T {
  out.set(source);
  return out;
}
