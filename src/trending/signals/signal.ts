import type { RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  TRENDING_WINDOWS,
  windowSum,
  type SignalEvent,
  type TrendingSettings,
  type TrendingWindow,
  type WindowSum,
} from '../../domain/trending-score.ts';

/** A signal's sums per paper and window; a paper read with nothing in a window has no entry. */
export type SignalSums = Map<string, Partial<Record<TrendingWindow, WindowSum>>>;

/** What a recompute asks a signal to read. */
export interface SignalRead {
  db: Db;
  /** These papers, or null: every paper with this signal in the longest window. */
  paperIds: readonly string[] | null;
  /** The end of every window (ms). */
  now: number;
  settings: TrendingSettings;
}

/** Since when an incremental recompute looks for new signals. */
export interface SignalChanges {
  /** The last run (less an overlap), in ms. */
  since: number;
  now: number;
  settings: TrendingSettings;
}

/**
 * One kind of trending signal: everything the recompute, the score, /about/trending and the
 * "why it's trending" reasons know about it. Register it in `signals/index.ts`.
 */
export interface TrendingSignal<
  Kind extends string = string,
  Field extends string = string,
  Variable extends string = string,
> {
  /** Its key in stored counts (`trending_signal_counts.kind`) and in the settings' weights. */
  kind: Kind;
  /** Its count's name in a trending explanation (the API's `explanation.<field>`). */
  field: Field;
  /** Points per unit by default, and the FOLIO_* variable that changes it (a README row). */
  weight: { default: number; variable: Variable };
  /**
   * How pages name it: its place in lists of signals, its name in the trending page's summary
   * ("Ranked by recent upvotes, GitHub stars, …"), and its entry on /about/trending (a bold
   * label, then the sentence after it, given the configured weight).
   */
  about: { position: number; short: string; label: string; text: (weight: number) => string };
  /** Its phrase in the explanation's text ("+320 ★ in 24 h"), shown when its count is above 0. */
  explain: (count: number, window: TrendingWindow) => string;
  /** Its phrase in a trending card's reason ("+412 stars this week"). */
  reason: (count: number, window: TrendingWindow) => string;
  /** Ids (`paper_id`) of papers with this signal recorded after `since`: a select to union. */
  changedSince: (changes: SignalChanges) => RawBuilder<{ paper_id: string }>;
  /** Its sums per paper and window. */
  read: (read: SignalRead) => Promise<SignalSums>;
}

/**
 * Keeps a signal's kind, field and weight variable as literal types, so explanations and the
 * configuration name them.
 */
export function defineSignal<
  const Kind extends string,
  const Field extends string,
  const Variable extends string,
>(signal: TrendingSignal<Kind, Field, Variable>): TrendingSignal<Kind, Field, Variable> {
  return signal;
}

/**
 * Sums timestamped events per paper and window. Every paper read gets an entry, even with
 * nothing inside a window, so a full recompute reports the same papers it read.
 */
export function sumEvents(
  events: ReadonlyMap<string, readonly SignalEvent[]>,
  now: number,
  settings: TrendingSettings,
  value?: (amount: number) => number,
): SignalSums {
  const out: SignalSums = new Map();
  for (const [paperId, list] of events) {
    const windows: Partial<Record<TrendingWindow, WindowSum>> = {};
    for (const window of TRENDING_WINDOWS) {
      const sum = windowSum(list, now, window, settings, value);
      if (sum) windows[window] = sum;
    }
    out.set(paperId, windows);
  }
  return out;
}

/** Groups events by paper. */
export function byPaper<T>(
  rows: readonly T[],
  paperId: (row: T) => string,
  event: (row: T) => SignalEvent,
) {
  const out = new Map<string, SignalEvent[]>();
  for (const row of rows) {
    const id = paperId(row);
    const list = out.get(id);
    if (list) list.push(event(row));
    else out.set(id, [event(row)]);
  }
  return out;
}

/** Runs a read over ids 500 at a time (both drivers bound their parameters). */
export async function chunked<T>(
  ids: readonly string[],
  read: (ids: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await read(ids.slice(i, i + 500))));
  return out;
}

export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();
/** Midnight UTC of a `YYYY-MM-DD…` day, in ms. */
export const dayStart = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
