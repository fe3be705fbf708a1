import type { Config } from '../config.ts';
import type { IngestDeps } from './ingest-deps.ts';
import type { IngestReport } from './ingest-report.ts';
import { runArxivApi, type ArxivApiRunOptions } from './run-arxiv-api.ts';
import { runHfDaily } from './run-hf.ts';
import { runOaiGetRecord, runOaiHarvest, type OaiRunOptions } from './run-oai.ts';
import { runListingFeeds } from './run-rss.ts';

/** One feed of papers: what `folio ingest NAME` runs, and whether the schedule runs it. */
export interface IngestSource<Options> {
  /** What the command line says of it (`folio ingest NAME --help`). */
  description: string;
  /**
   * The options of a scheduled run (on FOLIO_INGEST_SCHEDULE, unless offline), or null when
   * the source runs only by hand.
   */
  scheduled: ((ingest: Config['ingest']) => Options) | null;
  /** One run: fetch, store through the papers service, and report per feed. */
  run(deps: IngestDeps, options: Options): Promise<IngestReport[]>;
}

const source = <Options>(s: IngestSource<Options>) => s;

/**
 * Every ingest source, keyed by its command name. The CLI and the scheduler both read this
 * table: a new source is one entry here (and its flags in `cli/ingest.ts`).
 */
export const INGEST_SOURCES = {
  arxiv: source<ArxivApiRunOptions>({
    description: 'papers from the arXiv query API, newest first; stops at papers already stored',
    scheduled: null,
    run: async (deps, options) => [await runArxivApi(deps, options)],
  }),
  oai: source<OaiRunOptions & { id?: string }>({
    description: 'harvest arXiv over OAI-PMH; continues where the last harvest ended',
    scheduled: null,
    run: async (deps, { id, ...harvest }) => [
      id ? await runOaiGetRecord(deps, id, harvest.format) : await runOaiHarvest(deps, harvest),
    ],
  }),
  rss: source<{ categories: readonly string[] }>({
    description: "today's arXiv listing of each category (default: FOLIO_INGEST_CATEGORIES)",
    scheduled: (ingest) => ({ categories: ingest.categories }),
    run: (deps, options) => runListingFeeds(deps, options.categories),
  }),
  hf: source<{ date: string | null }>({
    description: 'Hugging Face daily papers of a day (default: the latest day)',
    // The latest day: their curated list, upvotes and repositories.
    scheduled: () => ({ date: null }),
    run: async (deps, options) => [await runHfDaily(deps, options.date)],
  }),
};

/** The name of an ingest source (`folio ingest NAME`). */
export type IngestSourceName = keyof typeof INGEST_SOURCES;

/** The options a source's run takes. */
export type IngestOptionsOf<N extends IngestSourceName> =
  (typeof INGEST_SOURCES)[N] extends IngestSource<infer O> ? O : never;
