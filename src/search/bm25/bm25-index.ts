import { BM25 } from '../keyword/keyword.types.ts';
import { derivationalRoot } from '../text/variants.ts';
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
  /** Papers to report on: which of them match (wherever they rank). */
  among?: ReadonlySet<number>;
  /** Only these papers may match (an `author:` candidate list). */
  allow?: ReadonlySet<number>;
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
  total: number;
  matched: Set<number>;
}

const LIVE = 1;
const HAS_CODE = 2;

/**
 * BM25 over papers, in process: per term a growable Int32Array of doc slots and a Uint8Array of
 * title-weighted frequencies; per doc slot its pid, length, day, flags and categories in typed
 * arrays. A changed paper takes a new slot and its old one is marked dead (document frequencies
 * and the length total count live slots only); dead postings are dropped once they pile up.
 * Scoring is FTS5's bm25() formula with the same k1, b and column weights, so the order equals
 * the store's own ranking on either dialect.
 */
export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private postDocs: Int32Array[] = [];
  private postTf: Uint8Array[] = [];
  private postLen = new Int32Array(1024);
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
  /** Papers whose title is nothing but stopwords, by that title (few: answers "the who"). */
  private readonly stopwordTitles = new Map<string, Set<number>>();
  private readonly stopwordTitleOf = new Map<number, string>();
  /** Derivational root → the indexed terms that differ from it but share it (few). */
  private readonly derived = new Map<string, string[]>();

  /** k1 and b default to FTS5's, which the store's own ranking uses; other values are for tuning. */
  constructor(private readonly params: { k1: number; b: number } = BM25) {}

  /** Papers indexed. */
  size(): number {
    return this.live;
  }

  /** modified_at (epoch ms) of the indexed version of a paper, or undefined. */
  modifiedOf(pid: number): number | undefined {
    const slot = pid < this.pidSlot.length ? this.pidSlot[pid]! : -1;
    return slot >= 0 ? this.docModified[slot] : undefined;
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
        id = this.postDocs.length;
        this.termIds.set(term, id);
        const root = derivationalRoot(term);
        if (root !== term) this.derived.set(root, [...(this.derived.get(root) ?? []), term]);
        this.postDocs.push(new Int32Array(2));
        this.postTf.push(new Uint8Array(2));
        if (id === this.postLen.length) {
          this.postLen = grow32(this.postLen, id + 1);
          this.df = grow32(this.df, id + 1);
        }
      }
      const n = this.postLen[id]!;
      if (n === this.postDocs[id]!.length) {
        const cap = n < 64 ? n * 2 : Math.ceil(n * 1.5);
        const docs = new Int32Array(cap);
        docs.set(this.postDocs[id]!);
        this.postDocs[id] = docs;
        const tfs = new Uint8Array(cap);
        tfs.set(this.postTf[id]!);
        this.postTf[id] = tfs;
      }
      this.postDocs[id]![n] = slot;
      this.postTf[id]![n] = Math.min(255, Math.max(1, Math.round(tf)));
      this.postLen[id] = n + 1;
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
    for (let id = 0; id < this.postDocs.length; id++) {
      const docs = this.postDocs[id]!;
      const tfs = this.postTf[id]!;
      const n = this.postLen[id]!;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[i]!;
        if (flags[d]! & LIVE) {
          docs[w] = d;
          tfs[w] = tfs[i]!;
          w++;
        }
      }
      this.postLen[id] = w;
      this.df[id] = w;
    }
    this.dead = 0;
    this.staleDf = false;
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
    let nTouched = 0;
    for (const term of q.terms) nTouched = this.accumulate(term, 1, avgdl, nTouched);
    if (q.variantWeight)
      for (const term of this.variants(q.terms))
        nTouched = this.accumulate(term, q.variantWeight, avgdl, nTouched);
    for (const term of q.excluded) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const docs = this.postDocs[id]!;
      const n = this.postLen[id]!;
      for (let i = 0; i < n; i++) {
        const d = docs[i]!;
        if (scores[d]! > 0) scores[d] = -1;
      }
    }
    const f = q.filters;
    const wantedCats = this.categoryFilter(f);
    const top = new TopK(q.k, q.order);
    let total = 0;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      const s = scores[d]!;
      scores[d] = 0;
      if (s <= 0) continue;
      if (!this.passes(d, f, wantedCats)) continue;
      const pid = this.docPid[d]!;
      if (q.allow && !q.allow.has(pid)) continue;
      total++;
      if (q.among?.has(pid)) matched.add(pid);
      top.offer(s, this.docDay[d]!, pid);
    }
    return { hits: top.sorted(), total, matched };
  }

  /**
   * Adds one term's BM25 contribution (times `weight`) to the scores of the live papers holding
   * it, noting newly touched papers after the first `nTouched`; returns the new count.
   */
  private accumulate(term: string, weight: number, avgdl: number, nTouched: number): number {
    const id = this.termIds.get(term);
    if (id === undefined) return nTouched;
    const df = this.df[id]!;
    if (df <= 0) return nTouched;
    const N = this.live;
    const { k1, b } = this.params;
    let idf = Math.log((N - df + 0.5) / (df + 0.5));
    if (idf <= 0) idf = 1e-6;
    const docs = this.postDocs[id]!;
    const tfs = this.postTf[id]!;
    const n = this.postLen[id]!;
    const scores = this.scores;
    const touched = this.touched;
    const flags = this.docFlags;
    const lens = this.docLen;
    const num = weight * idf * (k1 + 1);
    const base = k1 * (1 - b);
    const slope = (k1 * b) / avgdl;
    let count = nTouched;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      if ((flags[d]! & LIVE) === 0) continue;
      const tf = tfs[i]!;
      const s = (num * tf) / (tf + base + slope * lens[d]!);
      if (scores[d] === 0) touched[count++] = d;
      scores[d] = scores[d]! + s;
    }
    return count;
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
